using System.Reflection;
using System.Xml.Linq;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Components;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CityMaturity.Integration.Tests.Architecture;

/// <summary>
/// Keeps the direction of ADR 0027: the UI (CityMaturity.Web) uses the application layer (CityMaturity.Application),
/// never the other way; outside the UI's components nothing names a component; no component reaches the database
/// itself. The IL is read, so a reference inside a method body or a lambda counts as much as an injected property.
/// </summary>
public class LayeringTests
{
    private const string ComponentsNamespace = "CityMaturity.Web.Components";

    private static readonly Assembly Application = typeof(AssessmentService).Assembly;
    private static readonly Assembly Web = typeof(CityMaturityApp).Assembly;

    [Fact]
    public void The_application_assembly_references_neither_the_ui_nor_a_component_library()
    {
        var references = Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("CityMaturity.Domain", references);
        Assert.Contains("CityMaturity.Infrastructure", references);
        Assert.DoesNotContain(references, name =>
            name == Web.GetName().Name || name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) || name == "MudBlazor");
        Assert.Contains(Web.GetReferencedAssemblies(), a => a.Name == Application.GetName().Name);
    }

    [Fact]
    public void The_application_project_file_references_no_ui_project_or_package()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "CityMaturity.Application", "CityMaturity.Application.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => r.Contains("CityMaturity.Web", StringComparison.Ordinal) || r.Contains("MudBlazor", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_outside_the_components_names_a_component()
    {
        using var web = ReadWeb();
        var violations = OuterTypes(web)
            .Where(t => !InComponents(t))
            .SelectMany(t => ReferencedTypes(t).Where(InComponents).Where(used => !IsTheRootComponent(t, used)).Select(used => $"{t.FullName} → {used}"))
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, "Outside the UI's components, these name a component:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void No_component_touches_the_database_context()
    {
        using var web = ReadWeb();
        var components = OuterTypes(web).Where(InComponents).ToList();
        var violations = components
            .SelectMany(t => ReferencedTypes(t).Where(IsDatabaseType).Select(used => $"{t.FullName} → {used}"))
            .Distinct()
            .ToList();

        Assert.Contains(components, t => t.FullName == "CityMaturity.Web.Components.Pages.Admin.Outbox");
        Assert.True(violations.Count == 0, "These components reach the database themselves (use an application service):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_scan_sees_references_in_fields_constructors_and_method_bodies()
    {
        // Guards the two tests above against passing vacuously: these references exist and must be found.
        using var web = ReadWeb();
        var access = OuterTypes(web).Single(t => t.FullName == typeof(OrganisationAccess).FullName);
        var errorPage = OuterTypes(web).Single(t => t.FullName == "CityMaturity.Web.Components.Pages.Error");
        var composition = OuterTypes(web).Single(t => t.FullName == typeof(CityMaturityApp).FullName);

        Assert.Contains(ReferencedTypes(access), IsDatabaseType);
        Assert.Contains(ReferencedTypes(errorPage), name => name == typeof(ComponentBase).FullName);
        Assert.Contains(ReferencedTypes(composition), name => name == $"{ComponentsNamespace}.App");
    }

    /// <summary>
    /// Issue 12: Workshops may use Assessments (a workshop belongs to an assessment); an assessment's figures must not need
    /// the workshop feature (LatestConsensus reads decisions). Issue 17: an audit examines an assessment, so Audits may use
    /// Assessments; the assessment's figures ask what they need of audits (the freeze, the audited levels) through
    /// Assessments' own port, IAuditFacts.
    /// </summary>
    [Theory]
    [InlineData("Assessments", "Workshops")]
    [InlineData("Assessments", "Audits")]
    public void A_feature_names_no_type_of_a_feature_that_uses_it(string from, string to)
    {
        using var application = Read(Application);
        var references = FeatureReferences(application).ToList();
        var violations = references
            .Where(r => r.From == from && r.To == to)
            .Select(r => $"{r.User} → {r.Used}")
            .ToList();

        // Guards against a vacuous pass: the other direction exists and the scan must see it.
        Assert.Contains(references, r => r.From == to && r.To == from);
        Assert.True(violations.Count == 0, $"{from} names {to} types:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Assessments_workshops_live_and_audits_form_no_loop()
    {
        string[] features = ["Assessments", "Workshops", "Live", "Audits"];
        using var application = Read(Application);
        var edges = FeatureReferences(application)
            .Where(r => features.Contains(r.From) && features.Contains(r.To))
            .Select(r => (r.From, r.To))
            .ToHashSet();

        // Guards against a vacuous pass: these edges exist and the scan must see them.
        Assert.Contains(("Workshops", "Live"), edges);
        Assert.Contains(("Live", "Assessments"), edges);
        Assert.Contains(("Audits", "Assessments"), edges);
        var loop = features.FirstOrDefault(feature => Reaches(edges, feature, feature));
        Assert.True(loop is null, $"{loop} reaches itself through: " + string.Join(", ", edges.Select(e => $"{e.From} → {e.To}")));
    }

    private static bool Reaches(HashSet<(string From, string To)> edges, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(edges.Where(e => e.From == from).Select(e => e.To));
        while (next.TryPop(out var feature))
        {
            if (feature == to) return true;
            if (!seen.Add(feature)) continue;
            foreach (var edge in edges.Where(e => e.From == feature)) next.Push(edge.To);
        }

        return false;
    }

    /// <summary>Every reference from a type in one feature folder of the application layer to a type in another.</summary>
    private static IEnumerable<(string From, string To, string User, string Used)> FeatureReferences(AssemblyDefinition application) =>
        OuterTypes(application)
            .Select(type => (Type: type, Feature: FeatureOf(type.FullName)))
            .Where(user => user.Feature is not null)
            .SelectMany(user => ReferencedTypes(user.Type)
                .Select(used => (From: user.Feature!, To: FeatureOf(used), User: user.Type.FullName, Used: used))
                .Where(r => r.To is not null && r.To != r.From)
                .Select(r => (r.From, r.To!, r.User, r.Used)));

    /// <summary>"CityMaturity.Application.Workshops.RoomState" → "Workshops"; null outside the application's feature folders.</summary>
    private static string? FeatureOf(string fullName)
    {
        const string prefix = "CityMaturity.Application.";
        if (!fullName.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = fullName[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : rest[..dot];
    }

    private static AssemblyDefinition ReadWeb() => Read(Web);

    private static AssemblyDefinition Read(Assembly assembly)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(assembly.Location)!);
        return AssemblyDefinition.ReadAssembly(assembly.Location, new ReaderParameters { AssemblyResolver = resolver });
    }

    private static IEnumerable<TypeDefinition> OuterTypes(AssemblyDefinition assembly) =>
        assembly.MainModule.Types.Where(t => t.Name != "<Module>");

    private static bool InComponents(TypeDefinition type) => InComponents(type.FullName);

    /// <summary>Razor's generated helpers (type inference for generic components) live in "__Blazor." namespaces: UI too.</summary>
    private static bool InComponents(string fullName) =>
        fullName.StartsWith(ComponentsNamespace + ".", StringComparison.Ordinal)
        || fullName.StartsWith("__Blazor." + ComponentsNamespace + ".", StringComparison.Ordinal);

    /// <summary>The composition root maps the app's root component; that is the one name the UI's host may use.</summary>
    private static bool IsTheRootComponent(TypeDefinition user, string used) =>
        user.FullName == typeof(CityMaturityApp).FullName && used == $"{ComponentsNamespace}.App";

    private static bool IsDatabaseType(string fullName) =>
        fullName == typeof(CityMaturityDb).FullName
        || fullName.StartsWith("Microsoft.EntityFrameworkCore.DbContext", StringComparison.Ordinal)
        || fullName.StartsWith("Microsoft.EntityFrameworkCore.IDbContextFactory`", StringComparison.Ordinal)
        || fullName.StartsWith("Microsoft.EntityFrameworkCore.DbSet`", StringComparison.Ordinal);

    /// <summary>Full names (generic arguments unwrapped) of every type a type and its nested types (lambdas, state machines) use.</summary>
    private static HashSet<string> ReferencedTypes(TypeDefinition type)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(type, found);
        return found;
    }

    private static void Collect(TypeDefinition type, HashSet<string> found)
    {
        Add(type.BaseType, found);
        foreach (var implemented in type.Interfaces) Add(implemented.InterfaceType, found);
        AddAttributes(type, found);
        foreach (var field in type.Fields) { Add(field.FieldType, found); AddAttributes(field, found); }
        foreach (var property in type.Properties) { Add(property.PropertyType, found); AddAttributes(property, found); }
        foreach (var method in type.Methods) CollectMethod(method, found);
        foreach (var nested in type.NestedTypes) Collect(nested, found);
    }

    private static void CollectMethod(MethodDefinition method, HashSet<string> found)
    {
        Add(method.ReturnType, found);
        AddAttributes(method, found);
        foreach (var parameter in method.Parameters) Add(parameter.ParameterType, found);
        if (!method.HasBody) return;
        foreach (var variable in method.Body.Variables) Add(variable.VariableType, found);
        foreach (var instruction in method.Body.Instructions) AddOperand(instruction, found);
    }

    private static void AddOperand(Instruction instruction, HashSet<string> found)
    {
        switch (instruction.Operand)
        {
            case TypeReference typeReference:
                Add(typeReference, found);
                break;
            case MethodReference called:
                Add(called.DeclaringType, found);
                Add(called.ReturnType, found);
                foreach (var parameter in called.Parameters) Add(parameter.ParameterType, found);
                if (called is GenericInstanceMethod generic) foreach (var argument in generic.GenericArguments) Add(argument, found);
                break;
            case FieldReference field:
                Add(field.DeclaringType, found);
                Add(field.FieldType, found);
                break;
        }
    }

    private static void AddAttributes(Mono.Cecil.ICustomAttributeProvider provider, HashSet<string> found)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Add(attribute.AttributeType, found);
            foreach (var argument in attribute.ConstructorArguments) if (argument.Value is TypeReference typeArgument) Add(typeArgument, found);
        }
    }

    private static void Add(TypeReference? type, HashSet<string> found)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(generic.ElementType, found);
                foreach (var argument in generic.GenericArguments) Add(argument, found);
                return;
            case TypeSpecification specification:
                Add(specification.ElementType, found);
                return;
            default:
                if (found.Add(type.FullName.Replace('/', '+')) && type.DeclaringType is not null) Add(type.DeclaringType, found);
                return;
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityMaturity.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("CityMaturity.sln not found above " + AppContext.BaseDirectory);
    }
}
