using System.Net.Sockets;
using System.Text;

namespace Cordon.Testing;

/// <summary>A listener that answers one raw HTTP request: a list host, a redirecting server, a webhook receiver.</summary>
public static class HttpOnce
{
    /// <summary>Accepts one connection, reads its request head, writes the raw response and closes.</summary>
    public static async Task AnswerAsync(TcpListener listener, string rawResponse)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        await ReadHeadAsync(stream);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(rawResponse));
    }

    /// <summary>A 200 with a text body.</summary>
    public static string Ok(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    /// <summary>A redirect to the given location.</summary>
    public static string Redirect(string location) =>
        $"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    private static async Task ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var head = "";
        while (!head.Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                return;
            }
            head += Encoding.ASCII.GetString(buffer, 0, n);
        }
    }
}
