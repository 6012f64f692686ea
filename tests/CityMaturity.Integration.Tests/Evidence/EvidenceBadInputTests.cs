using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Evidence;

/// <summary>
/// Uploads and links a careless or hostile client sends: each is refused with a problem and a clear message, and nothing
/// is written — no item, no file, no audit row. The limit is lowered to 4 kB (and City A's quota to 6 kB) so the size
/// cases stay small.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class EvidenceBadInputTests(DatabaseFixture database) : IAsyncLifetime
{
    private const int Limit = 4096;
    private AssessmentWorld _world = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server, settings: new Dictionary<string, string?>
        {
            ["Evidence:MaxFileBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Evidence:QuotaBytesByOrganisation:city-a"] = "6000",
        });
        _client = TestClient.Create(_world.Access.Factory);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _world.DisposeAsync();
    }

    private string Document(string code, string name) => $"/rate/{_world.AnaToken}/evidence/document?code={Uri.EscapeDataString(code)}&name={Uri.EscapeDataString(name)}";

    private static byte[] PdfOf(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static TheoryData<string, string, string, byte[], HttpStatusCode, string> Uploads => new()
    {
        { "too big", "1.1.1", "big.pdf", PdfOf(Limit + 1), HttpStatusCode.RequestEntityTooLarge, "larger than" },
        { "wrong type: a Windows program", "1.1.1", "setup.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0], HttpStatusCode.UnsupportedMediaType, "not a type we accept" },
        { "wrong type: a plain zip", "1.1.1", "archive.docx", [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0, .. "notes.txt"u8.ToArray()], HttpStatusCode.UnsupportedMediaType, "not a type we accept" },
        { "wrong type: text", "1.1.1", "notes.pdf", "Just some notes"u8.ToArray(), HttpStatusCode.UnsupportedMediaType, "not a type we accept" },
        { "HTML disguised as a PDF", "1.1.1", "report.pdf", SampleFiles.Html(), HttpStatusCode.UnsupportedMediaType, "HTML, SVG or XML" },
        { "SVG disguised as a PNG", "1.1.1", "chart.png", SampleFiles.Svg(), HttpStatusCode.UnsupportedMediaType, "HTML, SVG or XML" },
        { "UTF-16 HTML", "1.1.1", "page.pdf", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(" <html><script>x</script>")], HttpStatusCode.UnsupportedMediaType, "HTML, SVG or XML" },
        { "empty", "1.1.1", "empty.pdf", [], HttpStatusCode.BadRequest, "empty" },
        { "unknown characteristic", "9.9.9", "plan.pdf", SampleFiles.Pdf(), HttpStatusCode.UnprocessableEntity, "not a characteristic of this assessment" },
        { "no characteristic", "", "plan.pdf", SampleFiles.Pdf(), HttpStatusCode.UnprocessableEntity, "not a characteristic of this assessment" },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_bad_upload_is_refused_with_a_message_and_nothing_is_written(string why, string code, string name, byte[] content, HttpStatusCode expected, string message)
    {
        var response = await EvidenceEndpointTests.UploadAsync(_client.Http, Document(code, name), content);

        Assert.True(expected == response.StatusCode, $"{why}: {(int)response.StatusCode}");
        await AssertProblemAsync(response, message);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task An_oversize_body_without_a_declared_length_is_refused_while_it_streams_and_not_read_to_its_end()
    {
        var body = new CountingStream(PdfOf(4 * 1024 * 1024));
        var content = new StreamContent(body); // no Content-Length: sent chunked, the limit can only be found by reading
        content.Headers.ContentType = new("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, Document("1.1.1", "big.pdf")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, "larger than");
        await AssertNothingWrittenAsync();
        Assert.True(body.BytesRead < 1024 * 1024, $"the server read {body.BytesRead} bytes of a 4 MB body with a 4 kB limit");
    }

    [Fact]
    public async Task A_document_not_sent_as_octet_stream_is_refused_before_reading()
    {
        var response = await EvidenceEndpointTests.UploadAsync(_client.Http, Document("1.1.1", "plan.pdf"), SampleFiles.Pdf(), "multipart/form-data; boundary=x");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertProblemAsync(response, "application/octet-stream");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task Nothing_is_added_to_a_closed_assessment()
    {
        await _world.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.Assessment.Id, AssessmentStatus.Closed); return 0; });

        var document = await EvidenceEndpointTests.UploadAsync(_client.Http, Document("1.1.1", "plan.pdf"), SampleFiles.Pdf());
        var link = await _client.Http.PostAsJsonAsync($"/rate/{_world.AnaToken}/evidence/link", new { code = "1.1.1", url = "https://example.org/" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, document.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, link.StatusCode);
        await AssertProblemAsync(document, "closed");
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://example.org/plan.pdf")]
    [InlineData("/relative/address")]
    [InlineData("")]
    [InlineData("http://")]
    public async Task A_link_that_is_not_a_web_address_is_refused(string url)
    {
        var response = await _client.Http.PostAsJsonAsync($"/rate/{_world.AnaToken}/evidence/link", new { code = "1.1.1", url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblemAsync(response, "not a web address");
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_link_longer_than_the_limit_is_refused()
    {
        var response = await _client.Http.PostAsJsonAsync($"/rate/{_world.AnaToken}/evidence/link", new { code = "1.1.1", url = "https://example.org/" + new string('a', 600) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\ana\\..\\plan.pdf", "plan.pdf")]
    [InlineData("/absolute/path/", "document.pdf")]
    [InlineData("a\u0000b\u001Fc\u202Egnp.pdf", "abcgnp.pdf")]
    [InlineData("\r\nContent-Type: text/html\r\n.pdf", "html.pdf")]
    [InlineData("Budget: 2026?.pdf", "Budget_ 2026_.pdf")]
    [InlineData("report\".pdf", "report_.pdf")]
    [InlineData("....", "document.pdf")]
    [InlineData("plan.html", "plan.html.pdf")]
    public async Task A_file_name_is_cleaned_and_never_used_as_a_path(string sent, string kept)
    {
        var response = await EvidenceEndpointTests.UploadAsync(_client.Http, Document("1.1.1", sent), SampleFiles.Pdf());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var title = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
        Assert.Equal(kept, title);
    }

    [Fact]
    public async Task An_upload_over_the_organisations_quota_is_refused_and_removing_a_document_frees_its_room()
    {
        var first = await EvidenceEndpointTests.UploadAsync(_client.Http, Document("1.1.1", "one.pdf"), PdfOf(3500));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var second = await EvidenceEndpointTests.UploadAsync(_client.Http, Document("1.1.2", "two.pdf"), PdfOf(3500));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        await AssertProblemAsync(second, "quota");
        Assert.Equal(1, await CountAsync(db => db.EvidenceItems.CountAsync()));
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await _client.Http.DeleteAsync($"/rate/{_world.AnaToken}/evidence/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await EvidenceEndpointTests.UploadAsync(_client.Http, Document("1.1.2", "two.pdf"), PdfOf(3500))).StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains(message, detail, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<int> CountAsync(Func<CityMaturityDb, Task<int>> count)
    {
        await using var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await count(db);
    }

    private async Task AssertNothingWrittenAsync()
    {
        Assert.Equal(0, await CountAsync(db => db.EvidenceItems.CountAsync()));
        Assert.Equal(0, await CountAsync(db => db.EvidenceFiles.CountAsync()));
        Assert.Equal(0, await CountAsync(db => db.EvidenceChanges.CountAsync()));
    }

    /// <summary>A body that counts how much of it the server pulled.</summary>
    private sealed class CountingStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Counted(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(base.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Counted(await base.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();


        private int Counted(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
