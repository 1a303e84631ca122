package resolve

// builtins are the names of Python's builtins module (3.11, plus the
// module attributes every file has). A name bound by no import or
// definition but in this set is the builtin, never something a star
// import brought in.
var builtins = map[string]bool{
	"ArithmeticError": true, "AssertionError": true, "AttributeError": true, "BaseException": true,
	"BaseExceptionGroup": true, "BlockingIOError": true, "BrokenPipeError": true, "BufferError": true,
	"BytesWarning": true, "ChildProcessError": true, "ConnectionAbortedError": true,
	"ConnectionError": true, "ConnectionRefusedError": true, "ConnectionResetError": true,
	"DeprecationWarning": true, "EOFError": true, "Ellipsis": true, "EncodingWarning": true,
	"EnvironmentError": true, "Exception": true, "ExceptionGroup": true, "False": true,
	"FileExistsError": true, "FileNotFoundError": true, "FloatingPointError": true,
	"FutureWarning": true, "GeneratorExit": true, "IOError": true, "ImportError": true,
	"ImportWarning": true, "IndentationError": true, "IndexError": true, "InterruptedError": true,
	"IsADirectoryError": true, "KeyError": true, "KeyboardInterrupt": true, "LookupError": true,
	"MemoryError": true, "ModuleNotFoundError": true, "NameError": true, "None": true,
	"NotADirectoryError": true, "NotImplemented": true, "NotImplementedError": true, "OSError": true,
	"OverflowError": true, "PendingDeprecationWarning": true, "PermissionError": true,
	"ProcessLookupError": true, "RecursionError": true, "ReferenceError": true,
	"ResourceWarning": true, "RuntimeError": true, "RuntimeWarning": true, "StopAsyncIteration": true,
	"StopIteration": true, "SyntaxError": true, "SyntaxWarning": true, "SystemError": true,
	"SystemExit": true, "TabError": true, "TimeoutError": true, "True": true, "TypeError": true,
	"UnboundLocalError": true, "UnicodeDecodeError": true, "UnicodeEncodeError": true,
	"UnicodeError": true, "UnicodeTranslateError": true, "UnicodeWarning": true, "UserWarning": true,
	"ValueError": true, "Warning": true, "ZeroDivisionError": true, "__build_class__": true,
	"__debug__": true, "__doc__": true, "__import__": true, "__name__": true, "abs": true,
	"aiter": true, "all": true, "anext": true, "any": true, "ascii": true, "bin": true, "bool": true,
	"breakpoint": true, "bytearray": true, "bytes": true, "callable": true, "chr": true,
	"classmethod": true, "compile": true, "complex": true, "copyright": true, "credits": true,
	"delattr": true, "dict": true, "dir": true, "divmod": true, "enumerate": true, "eval": true,
	"exec": true, "exit": true, "filter": true, "float": true, "format": true, "frozenset": true,
	"getattr": true, "globals": true, "hasattr": true, "hash": true, "help": true, "hex": true,
	"id": true, "input": true, "int": true, "isinstance": true, "issubclass": true, "iter": true,
	"len": true, "license": true, "list": true, "locals": true, "map": true, "max": true,
	"memoryview": true, "min": true, "next": true, "object": true, "oct": true, "open": true,
	"ord": true, "pow": true, "print": true, "property": true, "quit": true, "range": true,
	"repr": true, "reversed": true, "round": true, "set": true, "setattr": true, "slice": true,
	"sorted": true, "staticmethod": true, "str": true, "sum": true, "super": true, "tuple": true,
	"type": true, "vars": true, "zip": true,
}

// starExports lists, for libraries apps commonly star-import, the public
// names a `from X import *` brings in, so that with several star imports
// a name is credited to the module that really exports it.
var starExports = map[string]map[string]bool{
	"flask": setOf("Blueprint", "Config", "Flask", "Request", "Response", "abort", "after_this_request",
		"copy_current_request_context", "current_app", "flash", "g", "get_flashed_messages",
		"get_template_attribute", "has_app_context", "has_request_context", "json", "jsonify",
		"make_response", "redirect", "render_template", "render_template_string", "request", "send_file",
		"send_from_directory", "session", "stream_template", "stream_template_string",
		"stream_with_context", "url_for", "escape", "Markup"),
	"flask_wtf":                     setOf("FlaskForm", "CSRFProtect", "RecaptchaField", "Recaptcha", "Form"),
	"flask_wtf.csrf":                setOf("CSRFProtect", "CSRFError", "generate_csrf", "validate_csrf"),
	"flask_login":                   setOf("LoginManager", "UserMixin", "AnonymousUserMixin", "current_user", "login_user", "logout_user", "login_required", "fresh_login_required"),
	"flask_cors":                    setOf("CORS", "cross_origin"),
	"markupsafe":                    setOf("Markup", "escape", "soft_str"),
	"werkzeug.utils":                setOf("secure_filename", "redirect", "send_file", "send_from_directory", "safe_join", "import_string"),
	"werkzeug.security":             setOf("safe_join", "generate_password_hash", "check_password_hash", "gen_salt"),
	"werkzeug.middleware.proxy_fix": setOf("ProxyFix"),
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
