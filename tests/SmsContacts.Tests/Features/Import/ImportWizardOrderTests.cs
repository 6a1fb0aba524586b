using System.Net;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The wizard's steps hold on POST as on GET, whatever a browser sends: step 3 before step 2, a layout from a tab opened
/// before another tab changed the settings, two tabs importing one draft, a Retry of an import that can only fail again;
/// and the settings that do not apply to Opt-out contacts are neither shown nor kept.
/// </summary>
public sealed class ImportWizardOrderTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _other = null!;
    private ImportDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _other = await _app.Data.ListAsync(_code.Id, "Other");
        _driver = await ImportDriver.StartAsync(_app, _code);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static byte[] TwoContacts => Encoding.UTF8.GetBytes($"Phone,First Name\n{TestPhones.Us(1)},Ann\n{TestPhones.Us(2)},Bob\n");

    /// <summary>Import jobs (not previews) waiting in the app's job storage for <paramref name="importId"/>.</summary>
    private int QueuedJobs(Guid importId) =>
        _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 10_000)
            .Count(j => j.Value.Job?.Args.Contains(importId) == true && j.Value.Job.Method.Name == nameof(ImportContactsJob.RunAsync));

    [Fact]
    public async Task StepThree_PostedBeforeStepTwo_GoesBackToImportSettings_AndQueuesNothing()
    {
        var importId = await _driver.UploadOkAsync("a.csv", TwoContacts);

        var response = await _driver.Client.PostWithTokenAsync($"/imports/{importId}/layout", new() { ["Columns[0]"] = ImportFields.PhoneKey, ["Columns[1]"] = "" }, "/imports/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/imports/{importId}/settings", response.Headers.Location!.OriginalString);
        Assert.Equal(ImportStatus.Draft, (await _driver.RecordAsync(importId)).Status);
        Assert.Equal(0, QueuedJobs(importId));
        var settings = await _driver.Client.GetPageAsync($"/imports/{importId}/settings");
        Assert.Contains("Save the Import Settings first", settings.Body!.TextContent, StringComparison.Ordinal);

        var layout = await _driver.Client.GetAsync($"/imports/{importId}/layout");
        Assert.Equal($"/imports/{importId}/settings", layout.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ALayoutFromAStaleTab_AfterAnotherTabChangedTheSettings_IsShownAgain_NotImported()
    {
        var importId = await _driver.UploadOkAsync("a.csv", TwoContacts);
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));
        var staleTab = await _driver.LayoutPageAsync(importId);

        // Another tab sends the contacts to another list.
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_other.Id));
        var response = await _driver.Client.SubmitFormAsync(staleTab, "#layout-form", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ReadAsync(response);
        Assert.Contains("changed (in another tab or window) after this page was opened", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Other", page.QuerySelector("#layout-settings")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((ImportStatus.Draft, 0), ((await _driver.RecordAsync(importId)).Status, QueuedJobs(importId)));

        // The page shown again carries the settings as they are now: importing from it goes to Other.
        Assert.Equal(HttpStatusCode.Redirect, (await _driver.Client.SubmitFormAsync(page, "#layout-form", [])).StatusCode);
        await _driver.RunJobAsync(importId);
        var lists = await _app.WithDbAsync(db => db.Subscriptions.Where(s => s.SenderCodeId == _code.Id).Select(s => s.ListId).Distinct().ToListAsync());
        Assert.Equal([_other.Id], lists);
    }

    [Fact]
    public async Task TwoTabsImportingOneDraft_QueueItOnce()
    {
        var importId = await _driver.UploadOkAsync("a.csv", TwoContacts);
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));
        await _driver.LayoutAsync(importId);
        await _driver.RunPreviewAsync(importId);
        var first = await _driver.PreviewPageAsync(importId);
        var second = await _driver.PreviewPageAsync(importId);

        var answers = await Task.WhenAll(
            _driver.Client.SubmitFormAsync(first, "#preview-import-form", []),
            _driver.Client.SubmitFormAsync(second, "#preview-import-form", []));

        Assert.All(answers, a => Assert.Equal($"/imports/{importId}", a.Headers.Location!.OriginalString));
        Assert.Equal((ImportStatus.Queued, 1), ((await _driver.RecordAsync(importId)).Status, QueuedJobs(importId)));
    }

    [Fact]
    public async Task AnImportQueuedWithoutSettings_FailsSayingWhy_AndItsRetryQueuesNothing()
    {
        var importId = await QueuedImports.QueueAsync(_app, _code.Id, null, $"Phone\n{TestPhones.Us(1)}\n", [ImportFields.PhoneKey], i => i.SettingsSavedUtc = null);
        await QueuedImports.RunAsync(_app, importId);
        Assert.Equal(ImportStatus.Failed, (await _driver.RecordAsync(importId)).Status);
        Assert.StartsWith("This import was started without its Import Settings.", (await _driver.RecordAsync(importId)).Error, StringComparison.Ordinal);

        await AssertRetryRefusedAsync(importId, "This import cannot be retried. This import was started without its Import Settings.");
    }

    [Fact]
    public async Task AnImportWithoutAList_AndOneWhoseListWasDeleted_CannotBeRetried_AndSayWhy()
    {
        var noList = await QueuedImports.QueueAndRunAsync(_app, _code.Id, null, $"Phone\n{TestPhones.Us(1)}\n", [ImportFields.PhoneKey]);
        Assert.Equal((ImportStatus.Failed, "No list was chosen for this import."), (noList.Status, noList.Error));
        await AssertRetryRefusedAsync(noList.Id, "This import cannot be retried. No list was chosen for this import. Import the file again with other settings.");

        var gone = await _app.Data.ListAsync(_code.Id, "Gone");
        var deleted = await QueuedImports.QueueAsync(_app, _code.Id, gone, $"Phone\n{TestPhones.Us(2)}\n", [ImportFields.PhoneKey]);
        await _app.WithDbAsync(db => db.Lists.Where(l => l.Id == gone.Id).ExecuteDeleteAsync());
        await QueuedImports.RunAsync(_app, deleted);
        await AssertRetryRefusedAsync(deleted, "This import cannot be retried. The list \"Gone\" no longer exists. Import the file again with other settings.");
    }

    private async Task AssertRetryRefusedAsync(Guid importId, string message)
    {
        var retried = await _driver.Client.SubmitFormAsync($"/imports/{importId}", "#import-progress form", []);

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var (_, page) = await _driver.Client.FollowAsync(retried);
        Assert.Contains(message, page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((ImportStatus.Failed, 0), ((await _driver.RecordAsync(importId)).Status, QueuedJobs(importId)));
    }

    [Fact]
    public async Task OptOutContacts_HidesAndDisablesTheSettingsThatDoNotApply_AndTheServerKeepsNoneOfThem()
    {
        var importId = await _driver.UploadOkAsync("a.csv", TwoContacts);
        var everyBox = ImportDriver.Settings(_vip.Id, ImportAction.OptOut, FieldUpdateMode.Overwrite);
        foreach (var box in new[] { "EnterJourneys", "StoreAsDoubleOptIn", "OverrideOptInStatus", "CartAbandonmentConsent", "OverrideMarketingConsent" })
        {
            everyBox[box] = "true";
        }

        Assert.Equal(HttpStatusCode.Redirect, (await _driver.SettingsAsync(importId, everyBox)).StatusCode);

        var saved = await _driver.RecordAsync(importId);
        Assert.Equal(
            (ImportAction.OptOut, (int?)null, FieldUpdateMode.Update, false, false, false, false, false),
            (saved.Settings.Action, saved.Settings.ListId, saved.Settings.FieldUpdateMode, saved.Settings.EnterJourneys, saved.Settings.StoreAsDoubleOptIn, saved.Settings.OverrideOptInStatus, saved.Settings.CartAbandonmentConsent, saved.Settings.OverrideMarketingConsent));
        var settings = await _driver.Client.GetPageAsync($"/imports/{importId}/settings");
        foreach (var id in new[] { "FieldUpdateMode", "StoreAsDoubleOptIn", "OverrideOptInStatus", "CartAbandonmentConsent", "OverrideMarketingConsent", "EnterJourneys" })
        {
            var part = settings.GetElementById(id)!.Closest("[data-applies-to]")!;
            Assert.True(part.HasAttribute("hidden") && part.HasAttribute("disabled"), $"{id} is shown for Opt-out contacts");
        }

        Assert.False(settings.QuerySelector("#opt-out-note")!.HasAttribute("hidden"));
        var layout = await _driver.LayoutPageAsync(importId);
        Assert.Contains("leaves existing contacts' profiles alone", layout.QuerySelector("#opt-out-layout-note")!.TextContent, StringComparison.Ordinal);

        // Add/Update: everything shown, the opt-out note hidden; Update existing contacts: no journeys (it adds no one).
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));
        settings = await _driver.Client.GetPageAsync($"/imports/{importId}/settings");
        Assert.DoesNotContain(settings.QuerySelectorAll("[data-applies-to][hidden]"), e => e.Id != "opt-out-note");
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id, ImportAction.UpdateExisting).Also(s => s["EnterJourneys"] = "true"));
        Assert.False((await _driver.RecordAsync(importId)).Settings.EnterJourneys);
    }
}
