using System.Threading.RateLimiting;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Api;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Components;
using CityMaturity.Web.Evidence;
using CityMaturity.Web.Indicators;
using CityMaturity.Web.Security;
using CityMaturity.Web.Telemetry;
using CityMaturity.Web.Workshops;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;

namespace CityMaturity.Web.Hosting;

/// <summary>Composition root: everything the app registers and maps, in one readable place.</summary>
public static class CityMaturityApp
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(CityMaturityApp).Assembly.GetName().Name,
        });
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CatalogueStartup.LoadLibrary(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<CatalogueLibrary>().Default);
        services.AddSingleton(sp => IndicatorStartup.LoadLibrary(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<MaturityCatalogue>()));
        services.AddCityMaturityDatabase();
        KeyRingProtection.Configure(services.AddDataProtection(), builder.Configuration);
        services.AddHostedService<EmbeddedPostgresLifetime>();
        AddAccounts(builder);
        services.AddScoped<OrganisationService>();
        services.AddScoped<AdministrationQueries>();
        services.AddScoped<OrganisationAccess>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<ParticipantGrid>();
        services.AddScoped<RatingService>();
        services.AddSingleton(builder.Configuration.GetSection("Evidence").Get<EvidenceOptions>() ?? new EvidenceOptions());
        services.AddScoped<EvidenceService>();
        services.AddScoped<CityMaturity.Application.Audits.AuditService>();
        services.AddSingleton<IAuditFacts, CityMaturity.Application.Audits.AuditFacts>();
        services.AddSingleton<CityMaturity.Application.Audits.AttestationKeys>();
        services.AddSingleton(sp => AttestationCertificateStartup.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<CityMaturity.Application.Audits.AttestationService>();
        services.AddScoped<CityMaturity.Application.Audits.DemoAuditSeeder>();
        services.AddScoped<IIndicatorFacts, CityIndicatorFacts>();
        services.AddScoped<DemoAssessmentSeeder>();
        services.AddScoped<AssessmentSummaryService>();
        services.AddScoped<CycleService>();
        services.AddScoped<CityMaturity.Application.Plans.ImprovementPlanService>();
        services.AddScoped<CityMaturity.Application.Plans.ProgressReportService>();
        services.AddScoped<CityMaturity.Application.Plans.DemoPlanSeeder>();
        services.AddScoped<BenchmarkService>();
        services.AddScoped<BenchmarkExports>();
        services.AddScoped<BenchmarkIndicatorService>();
        services.AddScoped<PeerLearningService>();
        services.AddScoped<DemoBenchmarkSeeder>();
        services.AddSingleton<SummaryCache>();
        services.AddSingleton<NetworkFiguresCache>();
        services.AddScoped<RatingImportService>();
        services.AddSingleton<RatingHistoryCsv>();
        services.AddScoped<IndicatorDataService>();
        services.AddScoped<DemoIndicatorSeeder>();
        services.AddScoped<DemoEvidenceSeeder>();
        services.AddScoped<CityMaturity.Application.Reports.BaselineReportService>();
        services.AddScoped<CityMaturity.Application.Reports.ReportEvidence>();
        services.AddScoped<AssessmentResultsService>();
        services.AddSingleton<AssessmentChangeNotifier>();
        services.AddSingleton<WorkshopEvents>();
        services.AddHostedService<DatabaseEventListener>();
        services.AddSingleton<WorkshopFigures>();
        services.AddSingleton<RoomCache>();
        services.AddScoped<WorkshopService>();
        services.AddScoped<WorkshopRoomService>();
        services.AddHostedService<RoundTimer>();
        services.AddSingleton(builder.Configuration.GetSection("Reminders").Get<ReminderSettings>() ?? new ReminderSettings());
        services.AddScoped<ReminderScheduler>();
        services.AddScoped<MemberTasks>();
        services.AddHostedService<ReminderPoller>();
        services.AddOpenApi();
        // FluentValidation's DI extensions are not in our registry: validators are registered by hand.
        services.AddSingleton<FluentValidation.IValidator<NewAssessment>, NewAssessmentValidator>();
        services.AddSingleton<FluentValidation.IValidator<CityMaturity.Application.Plans.ActionDraft>, CityMaturity.Application.Plans.ActionDraftValidator>();
        services.AddSingleton<FluentValidation.IValidator<CityMaturity.Domain.Assessments.RatingValues>, RatingValuesValidator>();
        services.AddSingleton<FluentValidation.IValidator<NewToken>, NewTokenValidator>();
        services.AddSingleton<FluentValidation.IValidator<NewPassword>, NewPasswordValidator>();
        services.AddSingleton<FluentValidation.IValidator<NewInvitation>, NewInvitationValidator>();
        services.AddSingleton<FluentValidation.IValidator<NewOrganisation>, NewOrganisationValidator>();
        services.AddSingleton<FluentValidation.IValidator<CityMaturity.Application.Workshops.ConsensusDraft>, CityMaturity.Application.Workshops.ConsensusDraftValidator>();
        services.AddSingleton<FluentValidation.IValidator<CityMaturity.Application.Benchmarking.NewNetwork>, CityMaturity.Application.Benchmarking.NewNetworkValidator>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [EndpointMappings.ReadinessTag]);
        builder.AddCityMaturityTelemetry();
        var forwardedHeaders = services.AddConfiguredForwardedHeaders(builder.Configuration);

        var app = builder.Build();

        // Fail fast: a broken catalogue, indicator framework or pack, an unusable attestation certificate, or an unreachable or inconsistent database, stops start-up.
        app.Services.GetRequiredService<CatalogueLibrary>();
        app.Services.GetRequiredService<CityMaturity.Domain.Indicators.IndicatorLibrary>();
        app.Services.GetRequiredService<CityMaturity.Application.Audits.AttestationCertificates>();
        await app.Services.StartEmbeddedPostgresIfUnconfiguredAsync();
        await app.Services.MigrateDatabaseAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync();
            // A certificate configured for an address that names no audit body signs nothing: said loudly, not fatal (ADR 0053).
            var startup = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CityMaturity.Attestation");
            foreach (var unmatched in await scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Audits.AttestationService>().CertificatesNamingNoAuditBodyAsync())
            {
                startup.LogError("{Problem}", unmatched);
            }
        }

        // First, so that everything after it (rate limits, logs, Secure cookies) sees the client, not the proxy.
        if (forwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseErrorResponses();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseFormProtection();
        app.MapStaticAssets().AllowAnonymous();
        app.MapThemeStylesheet(await Theming.ThemeStylesheet.RenderOnceAsync(app.Services));
        app.MapHealth();
        app.MapCityMaturityTelemetry();
        app.MapAccountEndpoints();
        app.MapRatingsCsvEndpoints();
        app.MapReportEndpoints();
        app.MapPlanEndpoints();
        app.MapSummaryEndpoints();
        app.MapWorkshopRoomEndpoints();
        app.MapRatingEndpoints();
        app.MapIndicatorDataEndpoints();
        app.MapEvidenceEndpoints();
        app.MapBenchmarkEndpoints();
        app.MapBenchmarkPeerEndpoints();
        CityMaturity.Web.Audits.AuditEndpoints.MapAuditEndpoints(app);
        // The API's description only: no data of ours, and integrators read it before they have a token.
        app.MapOpenApi().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void AddAccounts(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(builder.Configuration.GetSection("Smtp").Get<SmtpSettings>() ?? new SmtpSettings());
        services.AddSingleton(builder.Configuration.GetSection("Admin").Get<AdminSettings>() ?? new AdminSettings());
        services.AddScoped<MailService>();
        services.AddScoped<AccountSeeder>();

        services.AddScoped<PersonalAccessTokenService>();
        services.AddSingleton<PersonalAccessTokenClaims>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // Only the /api policy names this scheme; see PersonalAccessTokenHandler.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null);
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "citymaturity.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure-only wherever the app is served over HTTPS; plain-HTTP loopback development still works.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            // An API client wants a status code, not the sign-in page.
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddIdentityCore<AppUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = AccountEndpoints.MinimumPasswordLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<CityMaturityDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppUserClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "citymaturity.antiforgery");

        services.AddAuthorization(options => options.AddCityMaturityPolicies());
        services.AddScoped<IAuthorizationHandler, OrganisationAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, AssessmentAuthorizationHandler>();

        var attemptsPerMinute = builder.Configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Every limit is per client address and per minute, and refuses at once (no queue).
            void PerAddress(string policy, int perMinute) => limiter.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

            PerAddress(AccountEndpoints.SignInRateLimit, attemptsPerMinute);
            // The public attestation pages and files: anyone may check, nobody may sweep the code space.
            PerAddress(CityMaturity.Web.Audits.AuditEndpoints.VerifyRateLimit, builder.Configuration.GetValue("Security:VerificationsPerMinute", 120));
            // A whole room may sit behind one address (a venue's Wi-Fi): generous, but it still stops code guessing.
            PerAddress(WorkshopRoomEndpoints.JoinRateLimit, builder.Configuration.GetValue("Security:WorkshopJoinsPerMinute", 600));
        });
    }
}
