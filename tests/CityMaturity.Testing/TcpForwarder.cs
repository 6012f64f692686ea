using System.Net;
using System.Net.Sockets;

namespace CityMaturity.Testing;

/// <summary>
/// A cable a test can cut: a loopback TCP port that forwards every connection to a target (the app, PostgreSQL).
/// <see cref="Cut"/> closes every open connection and refuses new ones, as a dead network path or a stopped server
/// does; <see cref="Restore"/> accepts again on the same port. Bytes are copied as they are, so anything (HTTP,
/// WebSockets, PostgreSQL's protocol) passes through.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<(TcpClient Client, TcpClient Upstream)> _open = [];
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    private TcpForwarder(IPEndPoint target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections forwarded so far (a test can check that traffic really went through).</summary>
    public int Connections { get; private set; }

    public static TcpForwarder Start(string host, int port)
    {
        var target = new IPEndPoint(host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(host), port);
        var forwarder = new TcpForwarder(target);
        forwarder.Restore();
        return forwarder;
    }

    /// <summary>Accepts connections again (after <see cref="Cut"/>), on the same port.</summary>
    public void Restore()
    {
        lock (_open)
        {
            if (_listener is not null)
            {
                return;
            }

            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _accepting = AcceptAsync(_listener);
        }
    }

    /// <summary>Closes every forwarded connection at once and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var (client, upstream) in _open)
            {
                // A reset, not a polite close: what the peer sees when the path dies.
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                upstream.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // cut or disposed
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(_target, _stopping.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            client.Dispose();
            upstream.Dispose();
            return;
        }

        lock (_open)
        {
            if (_listener is null)
            {
                client.Dispose();
                upstream.Dispose();
                return;
            }

            _open.Add((client, upstream));
            Connections++;
        }

        try
        {
            // Either direction ending ends both: the other side sees the connection close.
            await Task.WhenAny(Copy(client, upstream), Copy(upstream, client));
        }
        finally
        {
            lock (_open)
            {
                _open.Remove((client, upstream));
            }

            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task Copy(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stopping.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The connection was cut or closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Cut();
        await _accepting;
        _stopping.Dispose();
    }
}
