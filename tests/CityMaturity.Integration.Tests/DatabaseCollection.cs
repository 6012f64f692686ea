using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests;

/// <summary>All database tests share one PostgreSQL server; each class makes its own databases.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
