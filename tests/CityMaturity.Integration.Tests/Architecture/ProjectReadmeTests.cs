namespace CityMaturity.Integration.Tests.Architecture;

/// <summary>
/// A newcomer finds any code in one look (issue 12): every folder of every project under src/ and tests/ is named in
/// that project's README.md, as its path from the project (<c>Components/Pages/Audits/</c>), or as <c>Name/</c> when no
/// other folder of the project has that name. A project with folders and no README fails too. Build output, static web files and test results are not code.
/// </summary>
public class ProjectReadmeTests
{
    private static readonly string[] NotCode = ["bin", "obj", "wwwroot", "TestResults", "StrykerOutput", "node_modules"];

    public static TheoryData<string> Projects()
    {
        var root = LayeringTests.RepositoryRoot();
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(Path.Combine(root, "tests"), "*.csproj", SearchOption.AllDirectories))
                     .Select(Path.GetDirectoryName)
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, project!));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_folder_of_a_project_is_named_in_its_readme(string project)
    {
        var directory = Path.Combine(LayeringTests.RepositoryRoot(), project);
        var folders = FoldersOf(directory);
        if (folders.Count == 0)
        {
            return;
        }

        var readme = Path.Combine(directory, "README.md");
        Assert.True(File.Exists(readme), $"{project} has folders ({string.Join(", ", folders)}) but no README.md naming them.");
        Assert.Empty(Unnamed(File.ReadAllText(readme), folders));
    }

    [Fact]
    public void A_folder_the_readme_leaves_out_is_found()
    {
        const string readme = "- `Assessments/` — set-up.\n  - `Pages/` — one folder per area: `Account/`.";

        Assert.Equal(["Audits", "Components/Pages/Admin"],
            Unnamed(readme, ["Assessments", "Audits", "Components/Pages", "Components/Pages/Account", "Components/Pages/Admin"]));
    }

    [Fact]
    public void A_name_two_folders_share_names_only_the_folder_at_that_path()
    {
        const string readme = "- `Audits/` — the audit endpoints.\n  - `Pages/` — one folder per area.";

        Assert.Equal(["Components/Pages/Audits"], Unnamed(readme, ["Audits", "Components/Pages", "Components/Pages/Audits"]));
    }

    /// <summary>The folders the README names neither by path nor, when no other folder shares it, by name.</summary>
    private static List<string> Unnamed(string readme, IReadOnlyList<string> folders)
    {
        var shared = folders.GroupBy(Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. folders.Where(folder => !readme.Contains($"`{folder}/", StringComparison.Ordinal)
                                           && (shared.Contains(Name(folder)) || !readme.Contains($"`{Name(folder)}/", StringComparison.Ordinal)))];
    }

    private static string Name(string folder) => folder.Split('/')[^1];

    /// <summary>Every folder below the project, as a path from it with '/', that holds code.</summary>
    private static List<string> FoldersOf(string project) =>
        [.. Directory.GetDirectories(project, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(project, d).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(d => !NotCode.Any(skip => d == skip || d.StartsWith(skip + "/", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];
}
