using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Import Settings shows every setting of <see cref="ImportSettings"/> and posts it back as it found it: a setting added to
/// the record without its line on Settings.cshtml would come back as its default, and this test says which.
/// </summary>
public sealed class ImportSettingsPageTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ImportDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _driver = await ImportDriver.StartAsync(_app, _code);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Between them, the cases give every setting a value other than its default (as the import keeps settings).</summary>
    private IReadOnlyList<ImportSettings> Cases() =>
    [
        new()
        {
            Action = ImportAction.AddOrUpdate,
            ListId = _vip.Id,
            FieldUpdateMode = FieldUpdateMode.Overwrite,
            EnterJourneys = true,
            StoreAsDoubleOptIn = true,
            OverrideOptInStatus = true,
            CartAbandonmentConsent = true,
            OverrideMarketingConsent = true,
            ConsentNote = "signed paper forms, spring fair",
            Encoding = "windows-1252",
            Delimiter = DelimiterNames.Semicolon,
            TextQualifier = TextQualifier.SingleQuotes,
            FirstLineHasColumnNames = true,
            DateOrder = DateOrder.DayMonthYear,
        },
        new()
        {
            Action = ImportAction.UpdateExisting,
            ListId = _vip.Id,
            FieldUpdateMode = FieldUpdateMode.Append,
            Encoding = "utf-8",
            Delimiter = DelimiterNames.Tab,
            TextQualifier = TextQualifier.None,
            FirstLineHasColumnNames = false,
            DateOrder = DateOrder.MonthDayYear,
        },
        new()
        {
            Action = ImportAction.OptOut,
            Delimiter = DelimiterNames.Pipe,
        },
    ];

    [Fact]
    public void TheCases_GiveEverySettingAValueOtherThanItsDefault()
    {
        var defaults = new ImportSettings();
        foreach (var property in typeof(ImportSettings).GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(
                Cases().Any(c => !Equals(property.GetValue(c), property.GetValue(defaults))),
                $"Give {property.Name} a value other than its default in one of the cases, so that the page is seen to post it back.");
        }

        Assert.All(Cases(), c => Assert.Equal(c, c.Kept()));
    }

    [Fact]
    public async Task ThePage_PostedAsShown_KeepsEverySetting()
    {
        foreach (var settings in Cases())
        {
            var importId = await _driver.UploadOkAsync("contacts.csv", Encoding.UTF8.GetBytes($"Phone;Name\n{TestPhones.Us(1)};Ann\n"));
            await _app.WithDbAsync(async db =>
            {
                var import = await db.Imports.SingleAsync(i => i.Id == importId);
                import.Settings = settings;
                await db.SaveChangesAsync();
            });
            Assert.Equal(settings, (await _driver.RecordAsync(importId)).Settings);

            var saved = await _driver.SettingsAsync(importId, []);

            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"Settings answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
            Assert.Equal(settings, (await _driver.RecordAsync(importId)).Settings);
        }
    }
}
