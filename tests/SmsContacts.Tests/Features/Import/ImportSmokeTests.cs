using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

public sealed class ImportSmokeTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private ContactList _vip = null!;

    public async Task InitializeAsync()
    {
        var code = await _app.Data.SenderCodeAsync();
        _vip = await _app.Data.ListAsync(code.Id, "VIP");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Wizard_ImportsAFile()
    {
        var driver = new ImportDriver(_app, await _app.SignInAsync());
        var csv = $"Phone,Email,First Name\n{TestPhones.UsTyped(1)},a@example.com,Ann\n{TestPhones.Us(2)},,Bob\nnope,x@example.com,Bad\n";
        var import = await driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id));
        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal((3, 2, 1), (import.Processed, import.OptedIn, import.Rejected));
        var contacts = await _app.WithDbAsync(db => db.Contacts.Include(c => c.Subscriptions).OrderBy(c => c.Phone).ToListAsync());
        Assert.Equal([TestPhones.Us(1), TestPhones.Us(2)], contacts.Select(c => c.Phone));
        var events = await _app.WithDbAsync(db => db.ConsentEvents.ToListAsync());
        Assert.All(events, e => Assert.Equal(import.Id, e.ImportId));
        var counts = await driver.StatusCountsAsync(import.Id);
        Assert.Equal(2, counts["Opted-in"]);
    }
}
