namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>A download that failed or was refused; the message is one line naming the URL and what was looked for.</summary>
internal sealed class SymbolDownloadException(string message, Exception? inner = null) : IOException(message, inner);
