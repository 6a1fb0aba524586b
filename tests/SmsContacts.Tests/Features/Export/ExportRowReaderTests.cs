using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.Tests.Features.Export;

/// <summary>
/// The export reads SQLite through SQLite's own API and every other provider through ADO.NET. Only
/// SQLite runs here, so the ADO.NET path is run against it too and must write the very same bytes.
/// </summary>
[Collection(ExportCollection.Name)]
public sealed class ExportRowReaderTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    [Theory]
    [InlineData(ExportKind.Contacts, null, null)]
    [InlineData(ExportKind.Contacts, "VIP", "212200001")]
    [InlineData(ExportKind.OptedOut, null, null)]
    [InlineData(ExportKind.OptedOut, "StopKeyword", "21220001")]
    public async Task ProviderNeutralReader_WritesTheSameFileAsTheSqliteReader(ExportKind kind, string? filter, string? search)
    {
        var export = new ExportRecord
        {
            SenderCodeId = fixture.CodeA.Id,
            Kind = kind,
            ListId = kind == ExportKind.Contacts && filter is not null ? fixture.Vip.Id : null,
            Reason = kind == ExportKind.OptedOut && filter is not null ? Enum.Parse<OptOutReason>(filter) : null,
            PhoneSearch = search,
        };

        var (sqliteRows, sqlite) = await WriteAsync(export, providerNeutral: false);
        var (neutralRows, neutral) = await WriteAsync(export, providerNeutral: true);

        Assert.True(sqliteRows > 0);
        Assert.Equal(sqliteRows, neutralRows);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(sqlite), System.Text.Encoding.UTF8.GetString(neutral));
        Assert.Equal(sqliteRows, CsvFile.Parse(sqlite).Rows.Count);
    }

    [Theory]
    [InlineData(ExportKind.Contacts, false, null)]
    [InlineData(ExportKind.Contacts, true, null)]
    [InlineData(ExportKind.Contacts, true, "212200")]
    [InlineData(ExportKind.OptedOut, false, null)]
    [InlineData(ExportKind.OptedOut, true, "0001")]
    public async Task ExportQueries_ReadInKeyOrder_WithoutSortingInMemory(ExportKind kind, bool filtered, string? search)
    {
        var plan = await fixture.App.WithDbAsync(async db =>
        {
            var repository = new SmsContacts.Web.Data.ContactRepository(db);
            IQueryable query = kind == ExportKind.Contacts
                ? await repository.SubscribedInContactOrderAsync(fixture.CodeA.Id, filtered ? fixture.Vip.Id : null, search, CancellationToken.None)
                : await repository.OptedOutInContactOrderAsync(fixture.CodeA.Id, filtered ? OptOutReason.StopKeyword : null, search, CancellationToken.None);
            await using var command = query.CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await db.Database.OpenConnectionAsync();
            await using var reader = await command.ExecuteReaderAsync();
            var steps = new List<(long Parent, string Detail)>();
            while (await reader.ReadAsync())
            {
                steps.Add((reader.GetInt64(reader.GetOrdinal("parent")), reader.GetString(reader.GetOrdinal("detail"))));
            }

            return steps;
        });

        // The outer query (parent 0) walks a key in order; a phone search's own index ranges (a subquery) may sort their few ids.
        var outer = plan.Where(step => step.Parent == 0).Select(step => step.Detail).ToList();
        Assert.DoesNotContain(outer, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Detail.Contains("IX_Subscriptions_SenderCodeId", StringComparison.Ordinal) || step.Detail.Contains("IX_Subscriptions_ListId", StringComparison.Ordinal));
    }

    private async Task<(int Rows, byte[] Bytes)> WriteAsync(ExportRecord export, bool providerNeutral)
    {
        ExportRowReader.ForceProviderNeutral = providerNeutral;
        try
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            using var stream = new MemoryStream();
            var rows = await scope.ServiceProvider.GetRequiredService<ContactExportWriter>().WriteAsync(export, stream, CancellationToken.None);
            return (rows, stream.ToArray());
        }
        finally
        {
            ExportRowReader.ForceProviderNeutral = false;
        }
    }
}
