using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests;

/// <summary>
/// The database tests of the first half of the feature folders (Assessments, Benchmarking, Operations, Plans, Results,
/// Security and the classes at the top). They share one PostgreSQL server and run one after another; each class
/// makes its own databases. <see cref="SecondDatabaseCollection"/> holds the other half, on a server of its own, and
/// xunit runs the two side by side (docs/testing.md, "Integration tests in two collections").
/// </summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}

/// <summary>
/// The database tests of the other half of the feature folders (Audits, Cycles, Evidence, Indicators, Reports,
/// Workshops), on a PostgreSQL server and shared worlds of their own (a fixture instance per collection), beside
/// <see cref="DatabaseCollection"/>. A new class goes to the collection of its folder
/// (<c>Architecture/DatabaseCollectionTests</c> checks it).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SecondDatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database-2";

    /// <summary>
    /// The folders (namespaces under <c>CityMaturity.Integration.Tests</c>) whose database tests run here: together
    /// they took about as long as the rest in the last measured runs (docs/testing.md).
    /// </summary>
    public static readonly IReadOnlyList<string> Folders = ["Audits", "Cycles", "Evidence", "Indicators", "Reports", "Workshops"];
}
