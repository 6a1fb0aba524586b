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
    [InlineData(ExportKind.Contacts, "VIP", "2000")]
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

    private async Task<(int Rows, byte[] Bytes)> WriteAsync(ExportRecord export, bool providerNeutral)
    {
        ExportRowReader.ForceProviderNeutral = providerNeutral;
        try
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            using var stream = new MemoryStream();
            var rows = scope.ServiceProvider.GetRequiredService<ContactExportWriter>().Write(export, stream, CancellationToken.None);
            return (rows, stream.ToArray());
        }
        finally
        {
            ExportRowReader.ForceProviderNeutral = false;
        }
    }
}
