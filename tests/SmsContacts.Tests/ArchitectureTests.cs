using System.Reflection;
using NetArchTest.Rules;

namespace SmsContacts.Tests;

/// <summary>
/// The map of the code (STYLE.md, "Layout" and habit 12; README, "Map of the code"), held by a test: dependencies point
/// one way, Features → Domain, Data, Infrastructure; Infrastructure → Data → Domain; Domain → nothing of ours; features
/// do not use each other. Razor views count as part of their feature (a view of Features/Import is compiled into
/// <c>AspNetCoreGeneratedDocument.Features_Import_*</c>). Change this test and STYLE.md together.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "SmsContacts.Web";
    private const string Domain = Root + ".Domain";
    private const string Data = Root + ".Data";
    private const string Infrastructure = Root + ".Infrastructure";
    private const string Features = Root + ".Features";
    private const string Views = "AspNetCoreGeneratedDocument";

    private static readonly Assembly App = typeof(Program).Assembly;

    /// <summary>
    /// Features that use another feature today, each with why; every other pair is forbidden, and Import, Export and
    /// Inbound never use one another (<see cref="ImportExportAndInbound_DoNotUseEachOther"/>).
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        // The profile form pieces both share (README: "ContactProfile/ the profile form pieces Single Contact and Contact
        // Details share"); Contact Details also shows the contact's message activity (its 90 days, its CSV link).
        ["SingleContact"] = ["ContactProfile"],
        ["ContactDetails"] = ["ContactProfile", "MessageActivity"],

        // An action taken in the Contact Details popup (Unsubscribe, Ban, Opt back in) redraws the popup with the details.
        ["ContactActions"] = ["ContactDetails"],

        // The Export button of a tab links to Configure Export with the tab's filters: Export owns that address.
        ["Contacts"] = ["Export"],
    };

    /// <summary>The rules see dependencies at all: a rule that can never fail would prove nothing.</summary>
    [Fact]
    public void TheRules_FindADependencyThatExists()
    {
        Assert.False(Types.InAssembly(App).That().ResideInNamespace(Features + ".ContactActions").ShouldNot().HaveDependencyOn(Data).GetResult().IsSuccessful);
        Assert.False(Types.InAssembly(App).That().HaveNameStartingWith("Features_Import_").ShouldNot().HaveDependencyOn(Features + ".Import").GetResult().IsSuccessful);
        Assert.Contains("Inbound", FeatureNames());
        Assert.True(FeatureNames().Count >= 15);
    }

    [Fact]
    public void Domain_DependsOnNothingOfOurs()
    {
        AssertNone(Types.InAssembly(App).That().ResideInNamespace(Domain).Should().NotHaveDependencyOnAny(Data, Infrastructure, Features, Views).GetResult(), "Domain");
    }

    /// <summary>Data → Domain only: Infrastructure may use Data (the database's setup, sign-in limits), never the other way.</summary>
    [Fact]
    public void Data_DependsOnDomainOnly()
    {
        AssertNone(Types.InAssembly(App).That().ResideInNamespace(Data).Should().NotHaveDependencyOnAny(Infrastructure, Features, Views).GetResult(), "Data");
    }

    [Fact]
    public void Infrastructure_DependsOnNoFeature()
    {
        AssertNone(Types.InAssembly(App).That().ResideInNamespace(Infrastructure).Should().NotHaveDependencyOnAny(Features, Views).GetResult(), "Infrastructure");
    }

    [Fact]
    public void Features_DoNotUseEachOther_ExceptTheListedPairs()
    {
        var broken = new List<string>();
        foreach (var feature in FeatureNames())
        {
            var others = FeatureNames()
                .Where(other => other != feature && !Allowed.GetValueOrDefault(feature, []).Contains(other))
                .Select(other => Features + "." + other)
                .ToArray();
            var result = OfFeature(feature).Should().NotHaveDependencyOnAny(others).GetResult();
            broken.AddRange((result.FailingTypeNames ?? []).Select(t => $"{feature}: {t}"));
        }

        Assert.True(broken.Count == 0, "Features that use another feature:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void ImportExportAndInbound_DoNotUseEachOther()
    {
        string[] isolated = ["Import", "Export", "Inbound"];
        foreach (var feature in isolated)
        {
            var others = isolated.Where(f => f != feature).Select(f => Features + "." + f).ToArray();
            AssertNone(OfFeature(feature).Should().NotHaveDependencyOnAny(others).GetResult(), feature);
        }
    }

    /// <summary>The allowed pairs are real: a pair no longer used is taken off the list (or the list would only grow).</summary>
    [Fact]
    public void EveryAllowedPair_IsStillUsed()
    {
        foreach (var (feature, uses) in Allowed)
        {
            foreach (var other in uses)
            {
                Assert.False(OfFeature(feature).ShouldNot().HaveDependencyOn(Features + "." + other).GetResult().IsSuccessful, $"{feature} no longer uses {other}: take it off the list.");
            }
        }
    }

    /// <summary>A feature's classes and its views.</summary>
    private static PredicateList OfFeature(string feature) =>
        Types.InAssembly(App).That().ResideInNamespace(Features + "." + feature).Or().HaveNameStartingWith($"Features_{feature}_");

    /// <summary>The feature folders, as namespaces under Features (Shared holds only views and is the layout of all).</summary>
    private static List<string> FeatureNames() =>
        App.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(Features + ".", StringComparison.Ordinal))
            .Select(ns => ns[(Features.Length + 1)..].Split('.')[0])
            .Distinct()
            .Order()
            .ToList();

    private static void AssertNone(TestResult result, string what) =>
        Assert.True(result.IsSuccessful, $"{what} breaks the map:\n" + string.Join("\n", result.FailingTypeNames ?? []));
}
