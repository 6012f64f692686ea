using System.Text;
using CityMaturity.Domain.Audits;

namespace CityMaturity.Domain.Tests.Audits;

public class AuditChainTests
{
    private static readonly Guid AuditId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static List<ChainedEntry> Chain(int count)
    {
        var entries = new List<ChainedEntry>();
        for (var i = 1; i <= count; i++)
        {
            var content = new AuditEntryContent(AuditId, i, Start.AddMinutes(i), $"step-{i}", "auditor:x", AuditChain.Details(("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("note", "Ünïcode ok")));
            entries.Add(AuditChain.Append(entries.LastOrDefault(), content));
        }

        return entries;
    }

    [Fact]
    public void A_chain_as_written_holds_and_each_entry_points_to_the_one_before()
    {
        var chain = Chain(5);
        Assert.Null(AuditChain.Verify(chain));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.All(chain.Skip(1).Zip(chain), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        Assert.All(chain, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
    }

    [Fact]
    public void The_hash_is_sha_256_of_the_documented_canonical_form()
    {
        var content = new AuditEntryContent(AuditId, 1, Start, "engaged", "city:y", AuditChain.Details(("a", "1"), ("b", null)));
        var text = Encoding.UTF8.GetString(AuditChain.CanonicalBytes(content, ""));
        Assert.Equal(
            """{"audit":"0f8fad5b-d9cb-469f-a165-70867728950e","sequence":1,"at":"2026-12-01T09:00:00.000Z","kind":"engaged","actor":"city:y","details":"{\u0022a\u0022:\u00221\u0022,\u0022b\u0022:null}","previous":""}""",
            text);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))), AuditChain.HashOf(content, ""));
    }

    [Fact]
    public void Changing_any_field_of_an_entry_breaks_the_chain_there()
    {
        var chain = Chain(4);
        var changed = chain[2] with { Content = chain[2].Content with { Details = chain[2].Content.Details.Replace("step", "stop", StringComparison.Ordinal).Replace("3", "4", StringComparison.Ordinal) } };
        var broken = AuditChain.Verify([chain[0], chain[1], changed, chain[3]]);
        Assert.Equal(3, broken?.Sequence);

        var moved = chain[1] with { Content = chain[1].Content with { At = chain[1].Content.At.AddMilliseconds(1) } };
        Assert.Equal(2, AuditChain.Verify([chain[0], moved, chain[2], chain[3]])?.Sequence);
    }

    [Fact]
    public void Rewriting_an_entry_with_a_fresh_hash_breaks_the_next_link()
    {
        var chain = Chain(3);
        var content = chain[1].Content with { Actor = "auditor:someone-else" };
        var rehashed = new ChainedEntry(content, chain[1].PreviousHash, AuditChain.HashOf(content, chain[1].PreviousHash));
        var broken = AuditChain.Verify([chain[0], rehashed, chain[2]]);
        Assert.Equal(3, broken?.Sequence);
        Assert.Contains("does not point", broken!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_or_reordered_entry_is_found()
    {
        var chain = Chain(3);
        Assert.Equal(3, AuditChain.Verify([chain[0], chain[2]])?.Sequence);
        Assert.Equal(2, AuditChain.Verify([chain[1], chain[0], chain[2]])?.Sequence);
    }

    [Fact]
    public void Append_refuses_a_gap()
    {
        var chain = Chain(1);
        Assert.Throws<ArgumentException>(() => AuditChain.Append(chain[0], new AuditEntryContent(AuditId, 3, Start, "x", "y", "{}")));
    }

    [Fact]
    public void Details_read_back_in_order()
    {
        var details = AuditChain.Details(("code", "1.1.1"), ("note", null), ("quote", "\"<b>\""));
        Assert.Equal([("code", (string?)"1.1.1"), ("note", null), ("quote", "\"<b>\"")], AuditChain.ReadDetails(details));
    }

    [Fact]
    public void Timestamps_keep_milliseconds_only_so_a_database_round_trip_hashes_alike()
    {
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        Assert.Equal("2026-12-01T08:00:00.123Z", CanonicalJson.Timestamp(at));
        Assert.Equal(CanonicalJson.Timestamp(at), CanonicalJson.Timestamp(CanonicalJson.Truncate(at)));
    }
}
