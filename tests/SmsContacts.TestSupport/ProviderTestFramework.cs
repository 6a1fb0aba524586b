using Xunit.Abstractions;
using Xunit.Sdk;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>
/// Marks a test class whose tests run on SQL Server (usually a subclass of the SQLite class, with a SQL Server
/// fixture). Where <c>SMSCONTACTS_TEST_SQLSERVER</c> is not set, <see cref="ProviderTestFramework"/> reports each of
/// its tests as skipped, "SQL Server: set SMSCONTACTS_TEST_SQLSERVER", rather than failing or leaving it out.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RunsOnSqlServerAttribute : Attribute;

/// <summary>
/// xUnit 2's own framework, plus one rule at discovery: a test of a <see cref="RunsOnSqlServerAttribute"/> class is
/// skipped, with its reason, when no SQL Server is configured. (xUnit 2.9 has no dynamic skip, Assert.Skip comes
/// with v3; a skip decided at discovery is what xUnit 2 reports as skipped, and the decision rests on the same
/// environment in discovery and run, both in the one `dotnet test` process.) Enabled per test assembly with
/// <c>[assembly: TestFramework("SmsContacts.Tests.Infrastructure.ProviderTestFramework", "SmsContacts.TestSupport")]</c>.
/// </summary>
public sealed class ProviderTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var skip = AppFactory.SqlServerSkipReason;
            if (skip is null
                || !testMethod.TestClass.Class.GetCustomAttributes(typeof(RunsOnSqlServerAttribute)).Any()
                || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            // One skipped case per method (a theory's rows are not expanded: none of them could run).
            var testCase = new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
            return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
        }
    }
}
