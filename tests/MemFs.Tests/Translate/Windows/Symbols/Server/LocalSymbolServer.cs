using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MemFs.Tests.Translate.Windows.Symbols.Server;

/// <summary>
/// Test-only: a minimal HTTP/1.1 server on 127.0.0.1 (random port) that answers GETs from a table of paths, one
/// request per connection. A response can declare more bytes than it sends (a truncated download) or send no length.
/// Every requested path is recorded.
/// </summary>
internal sealed class LocalSymbolServer : IDisposable
{
    public sealed record Response(byte[] Body, long? DeclaredLength = null, bool SendLength = true);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, Response> _files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public LocalSymbolServer()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public Uri Url => new($"http://127.0.0.1:{Port}/symbols");
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Serves <paramref name="body"/> at <c>/symbols/RELATIVE</c>.</summary>
    public void Serve(string relative, byte[] body, long? declaredLength = null, bool sendLength = true) =>
        _files[$"/symbols/{relative}"] = new Response(body, declaredLength, sendLength);

    /// <summary>A port nothing listens on (taken from the system, then released): connecting is refused.</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0) return;
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var path = request.ToString().Split(' ')[1];
        Requests.Enqueue(path);
        if (!_files.TryGetValue(path, out var response))
        {
            await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            return;
        }
        var length = response.SendLength ? $"Content-Length: {response.DeclaredLength ?? response.Body.Length}\r\n" : "";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\n{length}Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(response.Body);
        await stream.FlushAsync();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
