using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.Tests.Features.Import;

// The import's tests that write through the bulk writers, once more on SQL Server: each class below is its SQLite
// class (every test of it) on an app whose database is on the SQL Server of SMSCONTACTS_TEST_SQLSERVER. Without
// that variable each test is reported skipped, "SQL Server: set SMSCONTACTS_TEST_SQLSERVER" (ProviderTestFramework).

[RunsOnSqlServer]
public sealed class ImportFileTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportFileTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportCountsTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportCountsTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportRulesTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportRulesTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportConsentGuaranteeTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportConsentGuaranteeTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportMatchesContactConsentTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportMatchesContactConsentTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportFileCorpusTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportFileCorpusTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportOutcomeModelTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportOutcomeModelTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportWarningOutcomeTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportWarningOutcomeTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportLastValidRowTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportLastValidRowTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportDialectPropertyTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportDialectPropertyTests(fixture), IClassFixture<SqlServerImportAppFixture>;

[RunsOnSqlServer]
public sealed class ImportUndoTestsOnSqlServer(SqlServerImportAppFixture fixture) : ImportUndoTests(fixture), IClassFixture<SqlServerImportAppFixture>;
