using System.Reflection;
using System.Runtime.InteropServices;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Domain_references_only_the_base_library()
    {
        var domain = typeof(MaturityCatalogue).Assembly;
        var frameworkDirectory = RuntimeEnvironment.GetRuntimeDirectory();

        var nonFramework = domain.GetReferencedAssemblies()
            .Where(reference => !File.Exists(Path.Combine(frameworkDirectory, reference.Name + ".dll")))
            .Select(reference => reference.FullName)
            .ToList();

        Assert.NotEmpty(domain.GetReferencedAssemblies());
        Assert.Empty(nonFramework);
    }

    [Fact]
    public void The_framework_check_would_catch_a_package_assembly()
    {
        // Guards the test above against passing vacuously: xunit is not in the runtime directory.
        var xunit = typeof(FactAttribute).Assembly.GetName();
        Assert.False(File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), xunit.Name + ".dll")));
    }
}
