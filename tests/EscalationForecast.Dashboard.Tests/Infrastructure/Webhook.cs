using System.Net;
using System.Net.Sockets;

namespace EscalationForecast.Dashboard.Tests.Infrastructure;

/// <summary>A webhook receiver that accepts every delivery, so the rule's deliveries succeed.</summary>
public sealed class Webhook : IDisposable
{
    private readonly HttpListener _listener = new();
    public string Url { get; }

    private Webhook(int port)
    {
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception) when (!_listener.IsListening) { return; }
                catch (HttpListenerException) { return; }
            }
        });
    }

    public static Webhook Start()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return new Webhook(port);
    }

    public void Dispose() => _listener.Close();
}
