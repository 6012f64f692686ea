using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Components;
using Radzen;

namespace CityMaturity.Web.Hosting;

/// <summary>Composition root: everything the app registers and maps, in one readable place.</summary>
public static class CityMaturityApp
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(sp => CatalogueStartup.LoadLibrary(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<CatalogueLibrary>().Default);
        builder.Services.AddCityMaturityDatabase();
        builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var app = builder.Build();

        // Fail fast: a broken catalogue or text pack, or an unreachable or inconsistent database, stops start-up.
        app.Services.GetRequiredService<CatalogueLibrary>();
        await app.Services.StartEmbeddedPostgresIfUnconfiguredAsync();
        await app.Services.MigrateDatabaseAsync();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapBlazorWebScript();
        app.MapHealth();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
