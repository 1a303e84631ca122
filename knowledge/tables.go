package knowledge

// Sink describes which arguments of a callee are dangerous for one kind.
type Sink struct {
	Kind        SinkKind
	Args        []int    // positional arguments checked, by index
	Keywords    []string // the same parameters by keyword name
	Receiver    bool     // the object the method is called on is checked (x in x.format(...))
	AllKeywords bool     // every keyword argument, **kwargs included
	Mode        Mode     // how to read the argument
	Name        string   // how messages name the sink ("cursor.execute()"); "" means the callee's name
}

// Source describes where a value enters from outside.
type Source struct {
	Origin  Origin
	Desc    string  // how traces name it: "request.args"
	Type    string  // the value's type when known ("json" for parsed JSON bodies); "" otherwise
	SafeFor KindSet // kinds the value is harmless for (request.url is this site's own URL: safe to redirect to)
}

// Propagator is a known function that passes taint from (some of) its
// arguments to its result without lowering confidence.
type Propagator struct {
	Args []int  // argument indexes whose taint reaches the result; nil means every argument
	Type string // the type of the result, when known
}

// sp is shorthand for a one-argument sink.
func sp(kind SinkKind, arg int, kw ...string) Sink {
	return Sink{Kind: kind, Args: []int{arg}, Keywords: kw}
}

// request attributes that carry client data, with the type of the value.
var requestAttrs = map[string]string{
	"args": "multidict", "form": "multidict", "values": "multidict", "json": "json", "data": "bytes",
	"files": "files", "headers": "headers", "cookies": "multidict", "view_args": "dict", "path": "str",
	"full_path": "str", "url": "str", "base_url": "str", "url_root": "str", "host_url": "str", "host": "str",
	"referrer": "str", "environ": "dict", "query_string": "bytes", "stream": "stream", "input_stream": "stream",
	"user_agent": "", "authorization": "", "access_route": "list", "origin": "str", "content_type": "str",
	"mimetype": "str", "args_list": "", "accept_languages": "", "if_match": "", "range": "",
}

// request methods whose result carries client data.
var requestCalls = map[string]string{"get_json": "json", "get_data": "bytes"}

// attrSources are attribute reads that are sources.
var attrSources = func() map[string]Source {
	m := map[string]Source{}
	for attr, typ := range requestAttrs {
		m["flask.request."+attr] = Source{Origin: Request, Desc: "request." + attr, Type: typ}
	}
	// The request's own absolute URLs point at this application: redirecting
	// to them is not an open redirect.
	for _, attr := range []string{"url", "base_url", "url_root", "host_url"} {
		s := m["flask.request."+attr]
		s.SafeFor = Set(Redirect)
		m["flask.request."+attr] = s
	}
	// The request's path starts with the view's route (Werkzeug merges
	// repeated slashes before routing): appended to a configured base URL
	// or urljoin()ed with one, it keeps that base's host.
	for _, attr := range []string{"path", "full_path"} {
		s := m["flask.request."+attr]
		s.SafeFor = Set(URL)
		m["flask.request."+attr] = s
	}
	// Flask-RESTX (and its predecessor Flask-RESTPlus): api.payload and
	// ns.payload are the request's JSON body.
	for _, t := range []string{"flask_restx.Namespace", "flask_restx.Api"} {
		m[t+".payload"] = Source{Origin: Request, Desc: "the API payload (request JSON)", Type: "json"}
	}
	// Bodies of outbound HTTP responses.
	for _, t := range []string{"requests.Response", "httpx.Response"} {
		for _, a := range []string{"text", "content"} {
			m[t+"."+a] = Source{Origin: External, Desc: "the response body (" + a + ")", Type: "str"}
		}
	}
	return m
}()

// callSources are calls whose result is a source.
var callSources = func() map[string]Source {
	m := map[string]Source{}
	for name, typ := range requestCalls {
		m["flask.request."+name] = Source{Origin: Request, Desc: "request." + name + "()", Type: typ}
	}
	for _, t := range []string{"requests.Response", "httpx.Response", "aiohttp.ClientResponse"} {
		m[t+".json"] = Source{Origin: External, Desc: "an outbound response's JSON", Type: "json"}
	}
	// reqparse (Flask-RESTX, Flask-RESTPlus, Flask-RESTful) reads the
	// request's arguments, form and JSON into a dict.
	m["flask_restx.reqparse.RequestParser.parse_args"] = Source{Origin: Request, Desc: "parser.parse_args() (request arguments)", Type: "dict"}
	m["aiohttp.ClientResponse.text"] = Source{Origin: External, Desc: "an outbound response's text", Type: "str"}
	m["aiohttp.ClientResponse.read"] = Source{Origin: External, Desc: "an outbound response's body", Type: "bytes"}
	m["http.Response.read"] = Source{Origin: External, Desc: "an outbound response's body", Type: "bytes"}
	// DB-API cursors: rows read back from the database.
	for _, meth := range []string{"fetchone", "fetchall", "fetchmany"} {
		m["*."+meth] = Source{Origin: Stored, Desc: "a database row (" + meth + "())"}
	}
	return m
}()

// ormResultMethods end an ORM query and return stored rows. They are
// sources only on a query chain (a receiver mentioning query, session,
// execute or select), see IsORMChainRoot.
var ormResultMethods = map[string]bool{
	"first": true, "all": true, "one": true, "one_or_none": true, "scalar": true, "scalar_one": true,
	"scalar_one_or_none": true, "first_or_404": true, "get_or_404": true, "one_or_404": true, "scalars": true,
}

// ORMResultMethod reports whether a method ends an ORM query chain.
func ORMResultMethod(name string) bool { return ormResultMethods[name] }

// ORMChainWord reports whether a name seen in a receiver chain marks an
// ORM or SQL query ("query", "session", "execute", "select", "filter_by").
func ORMChainWord(name string) bool {
	switch name {
	case "query", "session", "execute", "select", "filter", "filter_by", "order_by", "where", "get":
		return true
	}
	return false
}

// FileNameAttr is the attribute of an uploaded file (werkzeug's
// FileStorage) that holds the client-supplied file name.
const FileNameAttr = "filename"

// sinks maps a callee to its dangerous arguments.
var sinks = map[string][]Sink{
	// SQL.
	"*.execute":                      {{Kind: SQL, Args: []int{0}, Keywords: []string{"sql", "statement", "query", "operation"}, Name: "execute()"}},
	"*.executemany":                  {{Kind: SQL, Args: []int{0}, Keywords: []string{"sql", "operation"}, Name: "executemany()"}},
	"*.executescript":                {{Kind: SQL, Args: []int{0}, Keywords: []string{"sql_script"}, Name: "executescript()"}},
	"*.exec_driver_sql":              {{Kind: SQL, Args: []int{0}, Keywords: []string{"statement"}, Name: "exec_driver_sql()"}},
	"*.mogrify":                      {{Kind: SQL, Args: []int{0}, Keywords: []string{"query"}, Name: "mogrify()"}},
	"*.filter":                       {{Kind: SQL, Args: []int{0}, Name: "Query.filter()"}},
	"*.order_by":                     {{Kind: SQL, Args: []int{0}, Name: "Query.order_by()"}},
	"*.group_by":                     {{Kind: SQL, Args: []int{0}, Name: "Query.group_by()"}},
	"*.having":                       {{Kind: SQL, Args: []int{0}, Name: "Query.having()"}},
	"*.from_statement":               {{Kind: SQL, Args: []int{0}, Name: "Query.from_statement()"}},
	"sqlalchemy.text":                {sp(SQL, 0, "text")},
	"sqlalchemy.sql.text":            {sp(SQL, 0, "text")},
	"sqlalchemy.sql.expression.text": {sp(SQL, 0, "text")},
	"sqlalchemy.literal_column":      {sp(SQL, 0, "text")},
	"pandas.read_sql":                {sp(SQL, 0, "sql")},
	"pandas.read_sql_query":          {sp(SQL, 0, "sql")},
	"pandas.io.sql.read_sql":         {sp(SQL, 0, "sql")},
	"*.execute_sql":                  {{Kind: SQL, Args: []int{0}, Keywords: []string{"sql"}, Name: "execute_sql()"}},
	"*.raw":                          {{Kind: SQL, Args: []int{0}, Keywords: []string{"sql", "raw_query"}, Name: "raw()"}},
	"psycopg2.sql.SQL":               {sp(SQL, 0, "string")},
	"psycopg.sql.SQL":                {sp(SQL, 0, "string")},

	// OS commands.
	"os.system":                       {{Kind: Command, Args: []int{0}, Keywords: []string{"command"}, Mode: ModeShell}},
	"os.popen":                        {{Kind: Command, Args: []int{0}, Keywords: []string{"cmd"}, Mode: ModeShell}},
	"subprocess.run":                  {{Kind: Command, Args: []int{0}, Keywords: []string{"args"}, Mode: ModeShell}},
	"subprocess.call":                 {{Kind: Command, Args: []int{0}, Keywords: []string{"args"}, Mode: ModeShell}},
	"subprocess.check_call":           {{Kind: Command, Args: []int{0}, Keywords: []string{"args"}, Mode: ModeShell}},
	"subprocess.check_output":         {{Kind: Command, Args: []int{0}, Keywords: []string{"args"}, Mode: ModeShell}},
	"subprocess.Popen":                {{Kind: Command, Args: []int{0}, Keywords: []string{"args"}, Mode: ModeShell}},
	"subprocess.getoutput":            {{Kind: Command, Args: []int{0}, Keywords: []string{"cmd"}, Mode: ModeShell}},
	"subprocess.getstatusoutput":      {{Kind: Command, Args: []int{0}, Keywords: []string{"cmd"}, Mode: ModeShell}},
	"asyncio.create_subprocess_shell": {{Kind: Command, Args: []int{0}, Keywords: []string{"cmd"}, Mode: ModeShell}},
	"asyncio.create_subprocess_exec":  {{Kind: Command, Args: []int{0}, Mode: ModeShell}},
	"os.execv":                        {{Kind: Command, Args: []int{0, 1}, Mode: ModeShell}},
	"os.execvp":                       {{Kind: Command, Args: []int{0, 1}, Mode: ModeShell}},
	"os.spawnv":                       {{Kind: Command, Args: []int{1, 2}, Mode: ModeShell}},
	"os.execl":                        {{Kind: Command, Args: []int{0, 1, 2, 3}, Mode: ModeShell}},
	"os.execlp":                       {{Kind: Command, Args: []int{0, 1, 2, 3}, Mode: ModeShell}},
	"pty.spawn":                       {{Kind: Command, Args: []int{0}, Keywords: []string{"argv"}, Mode: ModeShell}},

	// Server-side template injection.
	"flask.render_template_string":            {sp(Template, 0, "source")},
	"flask.templating.render_template_string": {sp(Template, 0, "source")},
	"jinja2.Template":                         {sp(Template, 0, "source")},
	"jinja2.Environment.from_string":          {sp(Template, 0, "source")},
	"*.from_string":                           {{Kind: Template, Args: []int{0}, Keywords: []string{"source"}, Name: "Environment.from_string()"}},
	"*.format":                                {{Kind: FormatString, Receiver: true, Name: "str.format()"}},
	"*.format_map":                            {{Kind: FormatString, Receiver: true, Name: "str.format_map()"}},
	"flask.render_template":                   {{Kind: TemplateContext, AllKeywords: true}},
	"flask.templating.render_template":        {{Kind: TemplateContext, AllKeywords: true}},
	"flask.stream_template":                   {{Kind: TemplateContext, AllKeywords: true}},
	// Flask-Themes(2): render_template through the theme's template loader.
	"flask_themes2.render_theme_template": {{Kind: TemplateContext, AllKeywords: true}},
	"flask_themes.render_theme_template":  {{Kind: TemplateContext, AllKeywords: true}},

	// HTML built in Python.
	"markupsafe.Markup":          {sp(HTML, 0, "base")},
	"flask.Markup":               {sp(HTML, 0, "base")},
	"jinja2.Markup":              {sp(HTML, 0, "base")},
	"flask.make_response":        {{Kind: HTML, Args: []int{0}, Mode: ModeHTMLBody}},
	"flask.Response":             {{Kind: HTML, Args: []int{0}, Keywords: []string{"response"}, Mode: ModeHTMLBody}, {Kind: Redirect, Keywords: []string{"headers"}, Args: []int{2}, Mode: ModeHeaders}},
	"flask.wrappers.Response":    {{Kind: HTML, Args: []int{0}, Keywords: []string{"response"}, Mode: ModeHTMLBody}, {Kind: Redirect, Keywords: []string{"headers"}, Args: []int{2}, Mode: ModeHeaders}},
	"werkzeug.wrappers.Response": {{Kind: HTML, Args: []int{0}, Keywords: []string{"response"}, Mode: ModeHTMLBody}, {Kind: Redirect, Keywords: []string{"headers"}, Args: []int{2}, Mode: ModeHeaders}},
	"werkzeug.Response":          {{Kind: HTML, Args: []int{0}, Keywords: []string{"response"}, Mode: ModeHTMLBody}, {Kind: Redirect, Keywords: []string{"headers"}, Args: []int{2}, Mode: ModeHeaders}},

	// Paths.
	"builtins.open":             {sp(Path, 0, "file")},
	"io.open":                   {sp(Path, 0, "file")},
	"codecs.open":               {sp(Path, 0, "filename")},
	"os.open":                   {sp(Path, 0, "path")},
	"flask.send_file":           {sp(Path, 0, "path_or_file")},
	"flask.helpers.send_file":   {sp(Path, 0, "path_or_file")},
	"flask.send_from_directory": {sp(Path, 0, "directory")},
	"os.remove":                 {sp(Path, 0, "path")},
	"os.unlink":                 {sp(Path, 0, "path")},
	"os.rmdir":                  {sp(Path, 0, "path")},
	"os.removedirs":             {sp(Path, 0, "name")},
	"os.rename":                 {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"src", "dst"}}},
	"os.replace":                {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"src", "dst"}}},
	"os.makedirs":               {sp(Path, 0, "name")},
	"os.mkdir":                  {sp(Path, 0, "path")},
	"os.listdir":                {sp(Path, 0, "path")},
	"os.scandir":                {sp(Path, 0, "path")},
	"os.chmod":                  {sp(Path, 0, "path")},
	"shutil.copy":               {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"src", "dst"}}},
	"shutil.copy2":              {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"src", "dst"}}},
	"shutil.copyfile":           {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"src", "dst"}}},
	"shutil.copytree":           {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"src", "dst"}}},
	"shutil.move":               {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"src", "dst"}}},
	"shutil.rmtree":             {sp(Path, 0, "path")},
	"shutil.unpack_archive":     {{Kind: Path, Args: []int{0, 1}, Keywords: []string{"filename", "extract_dir"}}},
	"pathlib.Path.open":         {{Kind: Path, Receiver: true}},
	"pathlib.Path.read_text":    {{Kind: Path, Receiver: true}},
	"pathlib.Path.read_bytes":   {{Kind: Path, Receiver: true}},
	"pathlib.Path.write_text":   {{Kind: Path, Receiver: true}},
	"pathlib.Path.write_bytes":  {{Kind: Path, Receiver: true}},
	"pathlib.Path.unlink":       {{Kind: Path, Receiver: true}},
	"pathlib.Path.rmdir":        {{Kind: Path, Receiver: true}},
	"pathlib.Path.mkdir":        {{Kind: Path, Receiver: true}},
	"pathlib.Path.touch":        {{Kind: Path, Receiver: true}},
	"pathlib.Path.rename":       {{Kind: Path, Receiver: true, Args: []int{0}}},
	"pathlib.Path.iterdir":      {{Kind: Path, Receiver: true}},
	// pathlib's read/write helpers by name, for paths whose type was lost
	// (stored on self, returned by a helper).
	"*.read_text":                              {{Kind: Path, Receiver: true}},
	"*.read_bytes":                             {{Kind: Path, Receiver: true}},
	"*.write_text":                             {{Kind: Path, Receiver: true}},
	"*.write_bytes":                            {{Kind: Path, Receiver: true}},
	"zipfile.ZipFile.extractall":               {{Kind: Archive, Receiver: true, Name: "ZipFile.extractall()"}},
	"zipfile.ZipFile.extract":                  {{Kind: Archive, Receiver: true, Args: []int{0}, Keywords: []string{"member"}, Name: "ZipFile.extract()"}},
	"tarfile.TarFile.extractall":               {{Kind: Archive, Receiver: true, Mode: ModeTarExtract, Name: "TarFile.extractall()"}},
	"tarfile.TarFile.extract":                  {{Kind: Archive, Receiver: true, Mode: ModeTarExtract, Name: "TarFile.extract()"}},
	"werkzeug.datastructures.FileStorage.save": {{Kind: UploadSave, Args: []int{0}, Keywords: []string{"dst"}, Name: "FileStorage.save()"}},
	// An uploaded file passed to a helper loses its type: save(dst) by name.
	"*.save": {{Kind: UploadSave, Args: []int{0}, Keywords: []string{"dst"}}},

	// Outbound requests.
	"requests.get":                  {sp(URL, 0, "url")},
	"requests.post":                 {sp(URL, 0, "url")},
	"requests.put":                  {sp(URL, 0, "url")},
	"requests.patch":                {sp(URL, 0, "url")},
	"requests.delete":               {sp(URL, 0, "url")},
	"requests.head":                 {sp(URL, 0, "url")},
	"requests.options":              {sp(URL, 0, "url")},
	"requests.request":              {sp(URL, 1, "url")},
	"requests.Session.get":          {sp(URL, 0, "url")},
	"requests.Session.post":         {sp(URL, 0, "url")},
	"requests.Session.put":          {sp(URL, 0, "url")},
	"requests.Session.patch":        {sp(URL, 0, "url")},
	"requests.Session.delete":       {sp(URL, 0, "url")},
	"requests.Session.head":         {sp(URL, 0, "url")},
	"requests.Session.request":      {sp(URL, 1, "url")},
	"httpx.get":                     {sp(URL, 0, "url")},
	"httpx.post":                    {sp(URL, 0, "url")},
	"httpx.put":                     {sp(URL, 0, "url")},
	"httpx.patch":                   {sp(URL, 0, "url")},
	"httpx.delete":                  {sp(URL, 0, "url")},
	"httpx.head":                    {sp(URL, 0, "url")},
	"httpx.request":                 {sp(URL, 1, "url")},
	"httpx.stream":                  {sp(URL, 1, "url")},
	"httpx.Client.get":              {sp(URL, 0, "url")},
	"httpx.Client.post":             {sp(URL, 0, "url")},
	"httpx.Client.request":          {sp(URL, 1, "url")},
	"httpx.AsyncClient.get":         {sp(URL, 0, "url")},
	"httpx.AsyncClient.post":        {sp(URL, 0, "url")},
	"httpx.AsyncClient.request":     {sp(URL, 1, "url")},
	"urllib.request.urlopen":        {sp(URL, 0, "url")},
	"urllib.request.Request":        {sp(URL, 0, "url")},
	"urllib.request.urlretrieve":    {sp(URL, 0, "url")},
	"urllib3.request":               {sp(URL, 1, "url")},
	"urllib3.PoolManager.request":   {sp(URL, 1, "url")},
	"urllib3.PoolManager.urlopen":   {sp(URL, 1, "url")},
	"aiohttp.ClientSession.get":     {sp(URL, 0, "url")},
	"aiohttp.ClientSession.post":    {sp(URL, 0, "url")},
	"aiohttp.ClientSession.request": {sp(URL, 1, "url")},
	"http.client.HTTPConnection":    {sp(URL, 0, "host")},
	"http.client.HTTPSConnection":   {sp(URL, 0, "host")},
	"socket.create_connection":      {sp(URL, 0, "address")},
	"smtplib.SMTP":                  {sp(URL, 0, "host")},
	"smtplib.SMTP_SSL":              {sp(URL, 0, "host")},
	"ftplib.FTP":                    {sp(URL, 0, "host")},

	// Redirects.
	"flask.redirect":          {sp(Redirect, 0, "location")},
	"werkzeug.utils.redirect": {sp(Redirect, 0, "location")},
	"werkzeug.redirect":       {sp(Redirect, 0, "location")},

	// Deserialisation.
	"pickle.loads":         {sp(Deserialize, 0, "data")},
	"pickle.load":          {sp(Deserialize, 0, "file")},
	"cPickle.loads":        {sp(Deserialize, 0)},
	"_pickle.loads":        {sp(Deserialize, 0)},
	"dill.loads":           {sp(Deserialize, 0)},
	"dill.load":            {sp(Deserialize, 0)},
	"marshal.loads":        {sp(Deserialize, 0)},
	"marshal.load":         {sp(Deserialize, 0)},
	"shelve.open":          {sp(Deserialize, 0, "filename")},
	"jsonpickle.decode":    {sp(Deserialize, 0, "string")},
	"jsonpickle.loads":     {sp(Deserialize, 0, "string")},
	"pandas.read_pickle":   {sp(Deserialize, 0, "filepath_or_buffer")},
	"pickle.Unpickler":     {sp(Deserialize, 0, "file")},
	"joblib.load":          {sp(Deserialize, 0, "filename")},
	"torch.load":           {sp(Deserialize, 0, "f")},
	"yaml.load":            {{Kind: Deserialize, Args: []int{0}, Keywords: []string{"stream"}, Mode: ModeYAML}},
	"yaml.load_all":        {{Kind: Deserialize, Args: []int{0}, Keywords: []string{"stream"}, Mode: ModeYAML}},
	"yaml.unsafe_load":     {sp(Deserialize, 0, "stream")},
	"yaml.unsafe_load_all": {sp(Deserialize, 0, "stream")},
	"yaml.full_load":       {sp(Deserialize, 0, "stream")},

	// Code evaluation.
	"builtins.eval":           {sp(Eval, 0, "source")},
	"builtins.exec":           {sp(Eval, 0, "source")},
	"builtins.compile":        {sp(Eval, 0, "source")},
	"builtins.__import__":     {sp(Eval, 0, "name")},
	"importlib.import_module": {sp(Eval, 0, "name")},
}

// notSinks are typed methods that look like sinks by name but are safe:
// a sandboxed Jinja environment is the spec's answer to user templates.
var notSinks = map[string]bool{
	"jinja2.sandbox.SandboxedEnvironment.from_string":          true,
	"jinja2.sandbox.ImmutableSandboxedEnvironment.from_string": true,
}

// sanitizers maps a callee to the sink kinds its result is safe for.
var sanitizers = map[string]KindSet{
	"werkzeug.utils.secure_filename": Set(Path, UploadSave, Command),
	"psycopg2.sql.Identifier":        Set(SQL),
	"psycopg2.sql.Literal":           Set(SQL),
	"psycopg.sql.Identifier":         Set(SQL),
	"psycopg.sql.Literal":            Set(SQL),
	"sqlalchemy.bindparam":           Set(SQL),
	"werkzeug.secure_filename":       Set(Path, UploadSave, Command),
	"werkzeug.security.safe_join":    Set(Path),
	"werkzeug.utils.safe_join":       Set(Path),
	"flask.safe_join":                Set(Path),
	"flask.helpers.safe_join":        Set(Path),
	// basename is partial: it keeps a value inside the directory it is
	// joined to (no traversal), but an upload saved under it still keeps the
	// client's chosen name, so it does not sanitise UploadSave.
	"os.path.basename":         Set(Path),
	"posixpath.basename":       Set(Path),
	"ntpath.basename":          Set(Path),
	"shlex.quote":              Set(Command),
	"pipes.quote":              Set(Command),
	"shlex.join":               Set(Command),
	"markupsafe.escape":        Set(HTML, TemplateContext),
	"flask.escape":             Set(HTML, TemplateContext),
	"jinja2.escape":            Set(HTML, TemplateContext),
	"html.escape":              Set(HTML, TemplateContext),
	"cgi.escape":               Set(HTML, TemplateContext),
	"markupsafe.Markup.escape": Set(HTML, TemplateContext),
	"bleach.clean":             Set(HTML, TemplateContext),
	"nh3.clean":                Set(HTML, TemplateContext),
	"flask.jsonify":            Set(HTML, TemplateContext),
	"flask.url_for":            Set(Redirect, URL, HTML, Path),
	"urllib.parse.quote":       Set(HTML, TemplateContext, Command),
	// quote_plus encodes / ? # : @ too: what it returns cannot leave the
	// path segment it is put in, so it cannot choose an outbound host.
	"urllib.parse.quote_plus": Set(HTML, TemplateContext, Command, Redirect, URL),
}

// cleaners always return a value the caller cannot control in a
// dangerous way (numbers, booleans, hashes, fresh identifiers).
var cleaners = map[string]bool{
	"builtins.int": true, "builtins.float": true, "builtins.bool": true, "builtins.len": true,
	"builtins.hash": true, "builtins.abs": true, "builtins.round": true, "builtins.ord": true,
	"builtins.id": true, "builtins.isinstance": true, "builtins.issubclass": true, "builtins.callable": true,
	"builtins.hasattr": true, "builtins.any": true, "builtins.all": true, "builtins.print": true,
	"builtins.complex": true, "builtins.divmod": true, "builtins.type": true, "builtins.range": true,
	"uuid.UUID": true, "uuid.uuid4": true, "uuid.uuid1": true, "uuid.uuid5": true, "uuid.uuid3": true,
	"hashlib.sha256": true, "hashlib.sha1": true, "hashlib.md5": true, "hashlib.sha512": true,
	"hashlib.sha384": true, "hashlib.sha224": true, "hashlib.blake2b": true, "hashlib.blake2s": true,
	"hashlib.new": true, "hmac.new": true, "hmac.compare_digest": true, "secrets.token_hex": true,
	"secrets.token_urlsafe": true, "secrets.compare_digest": true, "decimal.Decimal": true,
	"datetime.date.fromisoformat": true, "datetime.datetime.fromisoformat": true,
	"os.path.exists": true, "os.path.isdir": true, "os.path.getsize": true, "os.getpid": true,
	"time.time": true, "flask.abort": true, "flask.render_template": true,
	"flask.templating.render_template": true, "flask.send_from_directory": true, "flask.send_file": true,
	"flask_themes2.render_theme_template": true, "flask_themes.render_theme_template": true,
	"builtins.open": true, "io.open": true, "flask.flash": true, "os.path.isfile": true,
	"werkzeug.security.generate_password_hash": true, "werkzeug.security.check_password_hash": true,
	"ipaddress.ip_address": true, "ipaddress.ip_network": true, "socket.inet_aton": true,
	"builtins.setattr": true, "builtins.delattr": true, "logging.info": true, "logging.warning": true,
	"logging.error": true, "logging.debug": true,
	// SQL sinks whose result is a statement object: the flow is reported at
	// the sink, not again where the statement is executed.
	"sqlalchemy.text": true, "sqlalchemy.sql.text": true, "sqlalchemy.sql.expression.text": true,
	"sqlalchemy.literal_column": true, "psycopg2.sql.SQL": true, "psycopg.sql.SQL": true,
	// Rendering: a template's output is reported (if at all) at the template
	// source (SSTI) or in the template (|safe), not again where it is returned.
	"flask.render_template_string": true, "jinja2.Template.render": true, "flask.stream_template_string": true,
}

// propagators pass taint through without losing confidence.
var propagators = map[string]Propagator{
	// Values given to bindparams() are bound parameters, not SQL text: the
	// statement carries only its own text's data.
	"sqlalchemy.TextClause.bindparams": {Args: []int{}, Type: "sqlalchemy.TextClause"},
	"sqlalchemy.TextClause.columns":    {Args: []int{}, Type: "sqlalchemy.TextClause"},
	"builtins.str":                     {Type: "str"}, "builtins.repr": {Type: "str"}, "builtins.bytes": {Type: "bytes"},
	"builtins.list": {Type: "list"}, "builtins.tuple": {Type: "tuple"}, "builtins.set": {Type: "set"},
	"builtins.frozenset": {Type: "set"}, "builtins.dict": {Type: "dict"}, "builtins.sorted": {Type: "list"},
	"builtins.reversed": {}, "builtins.enumerate": {}, "builtins.zip": {}, "builtins.min": {}, "builtins.max": {},
	"builtins.next": {Args: []int{0}}, "builtins.iter": {Args: []int{0}}, "builtins.format": {Args: []int{0}, Type: "str"},
	"builtins.getattr": {Args: []int{0}}, "builtins.map": {Args: []int{1}}, "builtins.filter": {Args: []int{1}},
	"builtins.chr": {Type: "str"},
	"os.path.join": {Type: "str"}, "os.path.normpath": {Type: "str"}, "os.path.abspath": {Type: "str"},
	"os.path.realpath": {Type: "str"}, "os.path.expanduser": {Type: "str"}, "os.path.dirname": {Type: "str"},
	"os.path.splitext": {}, "os.path.split": {}, "os.fspath": {Type: "str"}, "posixpath.join": {Type: "str"},
	"pathlib.Path": {Type: "pathlib.Path"}, "pathlib.PurePath": {Type: "pathlib.Path"},
	"pathlib.PosixPath": {Type: "pathlib.Path"}, "pathlib.Path.joinpath": {Type: "pathlib.Path"},
	"pathlib.Path.resolve": {Type: "pathlib.Path"}, "pathlib.Path.absolute": {Type: "pathlib.Path"},
	"urllib.parse.unquote": {Type: "str"}, "urllib.parse.unquote_plus": {Type: "str"},
	"urllib.parse.urljoin": {Type: "str"}, "urllib.parse.urlparse": {Type: "urllib.parse.ParseResult"},
	"urllib.parse.urlsplit": {Type: "urllib.parse.ParseResult"}, "urllib.parse.urlunparse": {Type: "str"},
	"urllib.parse.urlencode": {Type: "str"}, "urllib.parse.parse_qs": {Type: "dict"},
	"json.loads": {Args: []int{0}, Type: "json"}, "json.load": {Args: []int{0}, Type: "json"},
	"json.dumps": {Args: []int{0}, Type: "str"}, "base64.b64decode": {Args: []int{0}, Type: "bytes"},
	"base64.b64encode": {Args: []int{0}, Type: "bytes"}, "base64.urlsafe_b64decode": {Args: []int{0}, Type: "bytes"},
	"base64.urlsafe_b64encode": {Args: []int{0}, Type: "bytes"}, "binascii.unhexlify": {Args: []int{0}, Type: "bytes"},
	"codecs.decode": {Args: []int{0}}, "codecs.encode": {Args: []int{0}}, "textwrap.dedent": {Type: "str"},
	"string.Template": {Args: []int{0}}, "copy.copy": {}, "copy.deepcopy": {}, "io.BytesIO": {Args: []int{0}, Type: "io.BytesIO"},
	"io.StringIO": {Args: []int{0}, Type: "io.StringIO"}, "re.sub": {Args: []int{1, 2}, Type: "str"}, "re.match": {Args: []int{1}},
	"re.search": {Args: []int{1}}, "re.fullmatch": {Args: []int{1}}, "re.findall": {Args: []int{1}, Type: "list"},
	"re.split": {Args: []int{1}, Type: "list"}, "functools.partial": {},
	"zipfile.ZipFile": {Type: "zipfile.ZipFile"}, "tarfile.open": {Type: "tarfile.TarFile"},
	"tarfile.TarFile": {Type: "tarfile.TarFile"}, "flask.Markup": {Type: "Markup"},
	"markupsafe.Markup": {Type: "Markup"},
}

// types gives the type of what a constructor or factory returns, so that
// methods called on it later can be looked up as "type.method".
var types = map[string]string{
	"sqlalchemy.text": "sqlalchemy.TextClause", "sqlalchemy.sql.text": "sqlalchemy.TextClause",
	"sqlalchemy.sql.expression.text": "sqlalchemy.TextClause",
	"flask_restx.Namespace":          "flask_restx.Namespace", "flask_restx.Api": "flask_restx.Api",
	"flask_restx.reqparse.RequestParser": "flask_restx.reqparse.RequestParser",
	"flask_restplus.Namespace":           "flask_restx.Namespace", "flask_restplus.Api": "flask_restx.Api",
	"flask_restplus.reqparse.RequestParser": "flask_restx.reqparse.RequestParser",
	"flask_restful.reqparse.RequestParser":  "flask_restx.reqparse.RequestParser",
	"sqlite3.connect":                       "dbapi.Connection", "psycopg2.connect": "dbapi.Connection", "psycopg.connect": "dbapi.Connection",
	"pymysql.connect": "dbapi.Connection", "MySQLdb.connect": "dbapi.Connection", "mysql.connector.connect": "dbapi.Connection",
	"dbapi.Connection.cursor": "dbapi.Cursor", "jinja2.Environment": "jinja2.Environment",
	"jinja2.sandbox.SandboxedEnvironment": "jinja2.sandbox.SandboxedEnvironment",
	"jinja2.Template":                     "jinja2.Template", "jinja2.Environment.from_string": "jinja2.Template",
	"jinja2.Environment.get_template":              "jinja2.Template",
	"jinja2.sandbox.ImmutableSandboxedEnvironment": "jinja2.sandbox.ImmutableSandboxedEnvironment",
	"requests.Session":                             "requests.Session", "requests.session": "requests.Session",
	"httpx.Client": "httpx.Client", "httpx.AsyncClient": "httpx.AsyncClient",
	"aiohttp.ClientSession": "aiohttp.ClientSession", "urllib3.PoolManager": "urllib3.PoolManager",
	"zipfile.ZipFile": "zipfile.ZipFile", "tarfile.open": "tarfile.TarFile", "tarfile.TarFile": "tarfile.TarFile",
	"pathlib.Path": "pathlib.Path", "pathlib.PurePath": "pathlib.Path", "pathlib.PosixPath": "pathlib.Path",
	"urllib.request.urlopen": "http.Response", "urllib.parse.urlparse": "urllib.parse.ParseResult",
	"urllib.parse.urlsplit": "urllib.parse.ParseResult", "flask.Response": "flask.Response",
	"flask.make_response": "flask.Response", "werkzeug.wrappers.Response": "flask.Response",
	"flask.redirect": "flask.Response", "werkzeug.utils.redirect": "flask.Response", "flask.jsonify": "flask.Response",
	"flask.send_file": "flask.Response", "flask.send_from_directory": "flask.Response",
	"werkzeug.Response": "flask.Response", "flask.wrappers.Response": "flask.Response",
	// An upload's content, as opposed to its name.
	"werkzeug.datastructures.FileStorage.read": "bytes",
}

// responseTypes are the response types of outbound HTTP clients.
var responseTypes = map[string]string{
	"requests": "requests.Response", "requests.Session": "requests.Response",
	"httpx": "httpx.Response", "httpx.Client": "httpx.Response", "httpx.AsyncClient": "httpx.Response",
	"aiohttp.ClientSession": "aiohttp.ClientResponse", "urllib3": "urllib3.Response",
	"urllib3.PoolManager": "urllib3.Response",
}

// strMethods are str/bytes methods whose result carries the receiver's
// (and the arguments') data.
var strMethods = map[string]bool{
	"format": true, "format_map": true, "join": true, "replace": true, "strip": true, "lstrip": true,
	"rstrip": true, "lower": true, "upper": true, "title": true, "capitalize": true, "casefold": true,
	"swapcase": true, "encode": true, "decode": true, "split": true, "rsplit": true, "splitlines": true,
	"partition": true, "rpartition": true, "ljust": true, "rjust": true, "center": true, "zfill": true,
	"expandtabs": true, "translate": true, "removeprefix": true, "removesuffix": true,
}

// containerMethods read data out of a container (or file-like object)
// without changing it; the result carries the receiver's data.
var containerMethods = map[string]bool{
	"get": true, "pop": true, "popitem": true, "setdefault": true, "items": true, "values": true,
	"keys": true, "copy": true, "getlist": true, "to_dict": true, "read": true, "readline": true,
	"readlines": true, "getvalue": true, "group": true, "groups": true, "groupdict": true, "__getitem__": true,
	"dict": true, "lists": true, "listvalues": true,
}

// mutators put their arguments into the receiver.
var mutators = map[string]bool{
	"append": true, "extend": true, "insert": true, "add": true, "update": true, "appendleft": true,
	"extendleft": true, "__setitem__": true,
}

// cleanMethods return a value carrying no caller data (tests, counts,
// digests) whatever their receiver.
var cleanMethods = map[string]bool{
	"isdigit": true, "isalnum": true, "isalpha": true, "isdecimal": true, "isnumeric": true,
	"isidentifier": true, "islower": true, "isupper": true, "isspace": true, "isascii": true,
	"startswith": true, "endswith": true, "count": true, "find": true, "rfind": true, "index": true,
	"rindex": true, "hexdigest": true, "digest": true, "__len__": true, "__contains__": true,
	"is_relative_to": true, "exists": true, "is_file": true, "is_dir": true, "save": true,
	"close": true, "commit": true, "rollback": true,
}

// safeYAMLLoaders are the Loader= values that make yaml.load safe.
var safeYAMLLoaders = map[string]bool{
	"yaml.SafeLoader": true, "yaml.CSafeLoader": true, "yaml.BaseLoader": true, "yaml.CBaseLoader": true,
	"yaml.loader.SafeLoader": true,
}

// pathNormalizers produce a canonical absolute path; a later
// startswith/commonpath/is_relative_to check on their result confines the
// path to a base directory.
var pathNormalizers = map[string]bool{
	"os.path.realpath": true, "os.path.abspath": true, "os.path.normpath": true,
	"pathlib.Path.resolve": true, "pathlib.Path.absolute": true, "posixpath.normpath": true,
	"posixpath.realpath": true, "posixpath.abspath": true,
}

// urlParsers split a URL into scheme, host and path.
var urlParsers = map[string]bool{"urllib.parse.urlparse": true, "urllib.parse.urlsplit": true}
