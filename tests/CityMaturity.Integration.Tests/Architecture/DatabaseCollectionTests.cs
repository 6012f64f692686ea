using System.Reflection;

namespace CityMaturity.Integration.Tests.Architecture;

/// <summary>
/// The database tests run in two collections, side by side, split by feature folder so the two take about as long
/// (docs/testing.md). A class in the wrong one would not fail anything else, only slowly unbalance the halves; and a
/// class in neither would run beside both without a database fixture's guarantees.
/// </summary>
public class DatabaseCollectionTests
{
    [Fact]
    public void Every_database_test_class_is_in_the_collection_of_its_folder()
    {
        var misplaced = typeof(DatabaseCollection).Assembly.GetTypes()
            .Select(type => (Type: type, Collection: CollectionOf(type)))
            .Where(c => c.Collection is DatabaseCollection.Name or SecondDatabaseCollection.Name || UsesTheDatabaseFixture(c.Type))
            .Where(c => c.Collection != ExpectedCollection(c.Type))
            .Select(c => $"{c.Type.FullName}: in '{c.Collection ?? "no collection"}', its folder's is '{ExpectedCollection(c.Type)}'")
            .ToList();

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    private static string ExpectedCollection(Type type)
    {
        var folder = type.Namespace!.Split('.').ElementAtOrDefault(3);
        return folder is not null && SecondDatabaseCollection.Folders.Contains(folder) ? SecondDatabaseCollection.Name : DatabaseCollection.Name;
    }

    private static string? CollectionOf(Type type) =>
        type.GetCustomAttributesData().Where(a => a.AttributeType == typeof(CollectionAttribute))
            .Select(a => (string?)a.ConstructorArguments[0].Value).FirstOrDefault();

    private static bool UsesTheDatabaseFixture(Type type) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(CityMaturity.Testing.DatabaseFixture)));
}
