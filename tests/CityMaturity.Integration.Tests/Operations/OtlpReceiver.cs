using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>
/// A stand-in OpenTelemetry collector: OTLP/HTTP with protobuf bodies on a loopback Kestrel port. It keeps every body
/// by the path it was posted to and decodes the few fields a test asserts (no protobuf library: OTLP's messages are
/// read with <see cref="Protobuf"/>, field numbers from opentelemetry-proto).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();

    private OtlpReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IReadOnlyList<string> Paths => [.. _posts.Select(p => p.Path).Distinct()];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver!._posts.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        receiver = new OtlpReceiver(app, address);
        await app.StartAsync();
        return receiver;
    }

    public record Span(string Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes);

    public record Metric(string Service, string Scope, string Name);

    /// <summary>ExportTraceServiceRequest → resource_spans(1) → [resource(1), scope_spans(2) → [scope(1), spans(2)]].</summary>
    public IReadOnlyList<Span> Spans() =>
    [
        .. from post in _posts.Where(p => p.Path == "/v1/traces")
           from resourceSpans in Protobuf.Messages(post.Body, 1)
           let service = ServiceName(resourceSpans)
           from scopeSpans in Protobuf.Messages(resourceSpans, 2)
           let scope = ScopeName(scopeSpans)
           from span in Protobuf.Messages(scopeSpans, 2)
           select new Span(service, scope, Protobuf.Text(span, 5), Protobuf.Hex(span, 1), Protobuf.Hex(span, 2), Protobuf.Hex(span, 4), Attributes(span, 9)),
    ];

    /// <summary>ExportMetricsServiceRequest → resource_metrics(1) → [resource(1), scope_metrics(2) → [scope(1), metrics(2) → name(1)]].</summary>
    public IReadOnlyList<Metric> Metrics() =>
    [
        .. from post in _posts.Where(p => p.Path == "/v1/metrics")
           from resourceMetrics in Protobuf.Messages(post.Body, 1)
           let service = ServiceName(resourceMetrics)
           from scopeMetrics in Protobuf.Messages(resourceMetrics, 2)
           let scope = ScopeName(scopeMetrics)
           from metric in Protobuf.Messages(scopeMetrics, 2)
           select new Metric(service, scope, Protobuf.Text(metric, 1)),
    ];

    private static string ServiceName(ReadOnlyMemory<byte> resourceSignal) =>
        Protobuf.Messages(resourceSignal, 1).Select(resource => Attributes(resource, 1)).FirstOrDefault()?.GetValueOrDefault("service.name") ?? "";

    private static string ScopeName(ReadOnlyMemory<byte> scopeSignal) =>
        Protobuf.Messages(scopeSignal, 1).Select(scope => Protobuf.Text(scope, 1)).FirstOrDefault() ?? "";

    /// <summary>KeyValue(key 1, value 2: AnyValue with string_value 1 or int_value 3); other value kinds are skipped.</summary>
    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in Protobuf.Messages(message, field))
        {
            foreach (var value in Protobuf.Messages(keyValue, 2))
            {
                var text = Protobuf.Messages(value, 1).Select(v => System.Text.Encoding.UTF8.GetString(v.Span)).FirstOrDefault()
                    ?? Protobuf.Varints(value, 3).Select(v => ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                if (text is not null)
                {
                    attributes[Protobuf.Text(keyValue, 1)] = text;
                }
            }
        }

        return attributes;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Just enough of protobuf's wire format to read OTLP: fields by number, varints and length-delimited values.</summary>
public static class Protobuf
{
    public static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int field) =>
        Fields(message).Where(f => f.Number == field && f.WireType == 2).Select(f => f.Bytes);

    public static IEnumerable<ulong> Varints(ReadOnlyMemory<byte> message, int field) =>
        Fields(message).Where(f => f.Number == field && f.WireType == 0).Select(f => f.Varint);

    public static string Text(ReadOnlyMemory<byte> message, int field) =>
        Messages(message, field).Select(bytes => System.Text.Encoding.UTF8.GetString(bytes.Span)).FirstOrDefault() ?? "";

    public static string Hex(ReadOnlyMemory<byte> message, int field) =>
        Messages(message, field).Select(bytes => Convert.ToHexStringLower(bytes.Span)).FirstOrDefault() ?? "";

    private static IEnumerable<(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message.Span, ref position);
            var (number, wireType) = ((int)(key >> 3), (int)(key & 7));
            switch (wireType)
            {
                case 0:
                    yield return (number, wireType, ReadVarint(message.Span, ref position), default);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref position);
                    yield return (number, wireType, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {wireType} at byte {position} is not OTLP.");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
