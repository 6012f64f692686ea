namespace CityMaturity.Application.Evidence;

/// <summary>
/// Configuration section "Evidence": the largest document accepted (20 MB unless set) and how many bytes of documents
/// one organisation may keep (1 GB unless set; per organisation by its slug in QuotaBytesByOrganisation).
/// </summary>
public sealed class EvidenceOptions
{
    public const long DefaultMaxFileBytes = 20L * 1024 * 1024;

    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    public long OrganisationQuotaBytes { get; set; } = 1024L * 1024 * 1024;

    public Dictionary<string, long> QuotaBytesByOrganisation { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public long QuotaFor(string organisationSlug) =>
        QuotaBytesByOrganisation.TryGetValue(organisationSlug, out var quota) ? quota : OrganisationQuotaBytes;

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";
}
