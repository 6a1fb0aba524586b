// The SQL Server rows (classes marked [RunsOnSqlServer]) are reported skipped, with their reason, where no SQL
// Server is configured (SMSCONTACTS_TEST_SQLSERVER); everything else is xUnit's own framework.
[assembly: TestFramework("SmsContacts.Tests.Infrastructure.ProviderTestFramework", "SmsContacts.TestSupport")]
