using CityMaturity.Web.Hosting;

var app = await CityMaturityApp.BuildAsync(args);
await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can find it.</summary>
public partial class Program;
