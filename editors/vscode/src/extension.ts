// The flasksec VS Code extension: starts `flasksec lsp` (the language
// server of docs/lsp.md) for Python and Jinja files and shows its
// diagnostics. The command and its extra arguments come from the
// flasksec.path and flasksec.args settings.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const cfg = vscode.workspace.getConfiguration("flasksec");
  const command = cfg.get<string>("path", "flasksec");
  const args = ["lsp", ...cfg.get<string[]>("args", [])];
  const serverOptions: ServerOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    // The file types flasksec analyses (docs/lsp.md); Procfiles and
    // other extension-less files are plain text.
    documentSelector: [
      "python", "html", "jinja", "jinja-html", "dockerfile", "yaml", "toml",
      "pip-requirements", "dotenv", "shellscript", "plaintext",
    ].map((language) => ({ scheme: "file", language })),
  };
  client = new LanguageClient("flasksec", "flasksec", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("flasksec")) {
        void vscode.window.showInformationMessage("flasksec: reload the window to apply the new settings.");
      }
    }),
  );
  try {
    await client.start();
  } catch (err) {
    void vscode.window.showErrorMessage(
      `flasksec: could not start "${command} lsp" (${String(err)}). Install flasksec or set flasksec.path.`,
    );
  }
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
