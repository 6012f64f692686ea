using CityMaturity.Application.Assessments;
using CityMaturity.Domain.Audits;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Audits;

/// <summary>
/// Demo external audit (issue 17): "Demo Verification Ltd" audited Demoville's closed "Baseline 2022" and closed with a
/// signed attestation. Every step goes through <see cref="AuditService"/> as the city's administrator and the demo
/// auditor would take it, so the record's hash chain, the freeze and the body's signing key are the real ones. Runs
/// only while that assessment has no audit, so whatever a person did to it (withdrawing, say) stays as they left it.
/// </summary>
public sealed class DemoAuditSeeder(IDbContextFactory<CityMaturityDb> dbFactory, AuditService audits, TimeProvider clock)
{
    public const string AuditBodyName = "Demo Verification Ltd";
    public const string AuditedAssessmentName = DemoAssessmentSeeder.FirstCycleName;

    /// <summary>Characteristics the demo auditor examined in depth, and why (the sampling record).</summary>
    private static readonly Dictionary<string, string> Sampled = new(StringComparer.Ordinal)
    {
        ["1.1.1"] = "The strategy underpins every other characteristic",
        ["3.1.3"] = "Open data claims are checkable against the portal",
    };

    /// <returns>The attestation's code, or null when there was nothing to do.</returns>
    public async Task<string?> SeedAsync(Guid cityId, Guid auditBodyId, Guid cityAdministratorId, Guid auditorId)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var assessmentId = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == cityId && a.Name == AuditedAssessmentName)
                .Select(a => (Guid?)a.Id).SingleOrDefaultAsync();
            if (assessmentId is null || await db.Audits.AnyAsync(a => a.AssessmentId == assessmentId))
            {
                return null;
            }

            var slug = await db.Organisations.AsNoTracking().Where(o => o.Id == auditBodyId).Select(o => o.Slug).SingleAsync();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var engaged = Require(await audits.EngageAsync(assessmentId.Value,
                new EngagementRequest(slug, today.AddDays(-14), today.AddDays(90), [2022], ShowPersonalData: false), cityAdministratorId));
            return await RunAsync(engaged.Id, cityAdministratorId, auditorId);
        }
    }

    private async Task<string> RunAsync(Guid auditId, Guid cityAdministratorId, Guid auditorId)
    {
        Require(await audits.StartAsync(auditId, auditorId));
        var workspace = await audits.WorkspaceAsync(auditId, auditorId) ?? throw new InvalidOperationException("The demo auditor cannot open the demo audit.");
        foreach (var characteristic in workspace.Characteristics)
        {
            Require(await audits.RecordFindingAsync(auditId, Finding(characteristic), auditorId));
        }

        var request = Require(await audits.AskAsync(auditId, "3.1.3", "Please send the open data portal's publication log for 2022.", auditorId)).Requests.Single();
        Require(await audits.AnswerRequestAsync(auditId, request.Id, "The log is attached to 3.1.3 as evidence.", cityAdministratorId));
        Require(await audits.IssueFindingsAsync(auditId, auditorId));
        Require(await audits.RespondAsync(auditId, "Demoville accepts the findings; the gaps are in the 2024 plan.", cityAdministratorId));
        var closed = Require(await audits.CloseAsync(auditId, AuditOpinion.VerifiedWithReservations.Code(),
            "Where the groups' answers fell between two levels, the evidence supported only the lower one.", auditorId));
        return closed.AttestationCode!;
    }

    /// <summary>
    /// A whole score is confirmed as it stands; a score between two levels is verified at the lower one (a minor gap);
    /// a characteristic nobody could score cannot be verified.
    /// </summary>
    private static FindingRequest Finding(WorkspaceCharacteristic characteristic)
    {
        var sampled = Sampled.TryGetValue(characteristic.Code, out var why);
        var evidence = sampled ? "Council minutes, the published documents and interviews with two departments" : "The consensus rationale and the evidence attached";
        return characteristic.ScoreNow switch
        {
            null => new FindingRequest(characteristic.Code, null, FindingKind.NotEvidenced.Code(), "Nothing was supplied", null, sampled, why),
            { } score when score == decimal.Floor(score) => new FindingRequest(characteristic.Code, (int)score, FindingKind.Conforms.Code(), evidence, null, sampled, why),
            { } score => new FindingRequest(characteristic.Code, (int)decimal.Floor(score), FindingKind.MinorGap.Code(), evidence,
                "The evidence supports the lower of the two levels the groups were split between.", sampled, why),
        };
    }

    private static AuditView Require(AuditAnswer answer) =>
        answer.Value ?? throw new InvalidOperationException($"Seeding the demo audit failed: {answer.Message}");
}
