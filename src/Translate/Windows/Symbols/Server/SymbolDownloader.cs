using System.Net;
using System.Net.Sockets;

namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>
/// GETs one file from a symbol server into a local file: at most <see cref="Limits.MaxBytes"/>, a connection timeout,
/// and an idle timeout between reads, so a stalled or endless response ends with a one-line error naming the URL.
/// </summary>
internal sealed class SymbolDownloader(SymbolDownloadLimits limits, ISymbolDownloadObserver observer)
{
    private readonly HttpClient _client = CreateClient(limits);

    public SymbolDownloadLimits Limits { get; } = limits;

    /// <summary>Writes the body of <paramref name="url"/> to <paramref name="target"/>; false when the server has no such file (404).</summary>
    public bool TryDownload(Uri url, string target, string lookingFor)
    {
        try
        {
            return DownloadAsync(url, target, lookingFor).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e)
        {
            throw new SymbolDownloadException($"{url}: no answer within {Limits.IdleTimeout.TotalSeconds:0} s while fetching {lookingFor}", e);
        }
        catch (HttpRequestException e)
        {
            throw new SymbolDownloadException($"{url}: cannot fetch {lookingFor}: {Describe(e)}", e);
        }
        catch (IOException e) when (e is not SymbolDownloadException)
        {
            throw new SymbolDownloadException($"{url}: download of {lookingFor} failed: {e.Message}", e);
        }
    }

    private async Task<bool> DownloadAsync(Uri url, string target, string lookingFor)
    {
        using var idle = new CancellationTokenSource(Limits.IdleTimeout);
        using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode)
            throw new SymbolDownloadException($"{url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase} for {lookingFor}");
        var declared = response.Content.Headers.ContentLength;
        if (declared > Limits.MaxBytes)
            throw new SymbolDownloadException($"{url}: {lookingFor} is {declared:N0} bytes, more than the {Limits.MaxBytes:N0} allowed; refused");

        await using var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        long received = 0;
        Exception? failure = null;
        observer.Transfer($"downloading {url}", declared ?? 0, progress =>
        {
            try
            {
                received = CopyAsync(body, output, url, lookingFor, declared, idle, progress).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or HttpRequestException)
            {
                failure = e;
            }
        });
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        if (declared is { } length && received != length)
            throw new SymbolDownloadException($"{url}: {lookingFor} ended after {received:N0} of {length:N0} bytes; refused");
        return true;
    }

    private async Task<long> CopyAsync(Stream body, Stream output, Uri url, string lookingFor, long? declared, CancellationTokenSource idle, IProgress<long> progress)
    {
        var buffer = new byte[81920];
        long received = 0;
        while (true)
        {
            int read;
            try
            {
                read = await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
            }
            catch (HttpIOException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded)
            {
                throw new SymbolDownloadException($"{url}: {lookingFor} ended after {received:N0} of {declared:N0} bytes; refused", e);
            }
            if (read == 0) break;
            received += read;
            if (received > Limits.MaxBytes)
                throw new SymbolDownloadException($"{url}: {lookingFor} runs past the {Limits.MaxBytes:N0} bytes allowed; refused");
            await output.WriteAsync(buffer.AsMemory(0, read), idle.Token).ConfigureAwait(false);
            progress.Report(received);
            idle.CancelAfter(Limits.IdleTimeout);
        }
        return received;
    }

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        SocketException s => s.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused (offline, or no server on that port)",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "host not found (offline?)",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable (offline?)",
            _ => s.Message,
        },
        { } inner => inner.Message,
        null => e.Message,
    };

    private static HttpClient CreateClient(SymbolDownloadLimits limits)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = limits.ConnectTimeout,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("MemFs-symbols/1.0");
        return client;
    }
}
