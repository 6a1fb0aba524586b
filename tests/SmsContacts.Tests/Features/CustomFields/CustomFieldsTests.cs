using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.CustomFields;

public sealed class CustomFieldsTests(SharedApp fixture) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;

    public async Task InitializeAsync() => _code = await fixture.NewSenderCodeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheFieldsPage_ListsTheSystemFields_WhichCannotBeRemoved()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/admin/custom-fields");

        var system = page.QuerySelector("table[aria-label='System fields']")!;
        Assert.Equal(["Email", "First Name", "Last Name", "Birthday", "Postal Code"], system.QuerySelectorAll("tbody td:first-child").Select(td => td.TextContent));
        Assert.Empty(system.QuerySelectorAll("a, button, form"));
        Assert.Contains("cannot be removed", page.QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData("Favorite Store", CustomFieldType.Text, "Text")]
    [InlineData("Loyalty Points", CustomFieldType.Number, "Number")]
    [InlineData("Member Since", CustomFieldType.Date, "Date")]
    [InlineData("Paperless Receipts", CustomFieldType.YesNo, "Yes/No")]
    public async Task AnAdmin_CreatesAFieldOfEachType(string name, CustomFieldType type, string shown)
    {
        using var client = await fixture.SignInAsync(_code);

        var response = await client.SubmitFormAsync("/admin/custom-fields/new", "main form", new() { ["Name"] = $" {name} ", ["Type"] = type.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var field = await _app.WithDbAsync(db => db.CustomFields.SingleAsync(f => f.SenderCodeId == _code.Id));
        Assert.Equal((_code.Id, name, type), (field.SenderCodeId, field.Name, field.Type));
        var (_, page) = await client.FollowAsync(response);
        var row = page.QuerySelector("table[aria-label='Custom fields'] tbody tr")!;
        Assert.Equal([name, shown], row.QuerySelectorAll("td").Take(2).Select(td => td.TextContent));
    }

    [Theory]
    [InlineData("favorite store", "already has a field named")]
    [InlineData("First Name", "is the name of a system field")]
    [InlineData("email", "is the name of a system field")]
    [InlineData("Subscribe Date", "import/export column")]
    [InlineData("", "Enter a field name.")]
    public async Task AFieldName_ThatIsTakenOrReserved_IsRefused(string name, string message)
    {
        await FieldAsync(_code.Id, "Favorite Store", CustomFieldType.Text);
        using var client = await fixture.SignInAsync(_code);

        var response = await client.SubmitFormAsync("/admin/custom-fields/new", "main form", new() { ["Name"] = name, ["Type"] = "Text" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ReadAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for=Name]")!.TextContent);
        Assert.Equal(1, await _app.WithDbAsync(db => db.CustomFields.CountAsync(f => f.SenderCodeId == _code.Id)));
    }

    [Fact]
    public async Task TheSameName_MayExistOnAnotherSenderCode()
    {
        var other = await fixture.NewSenderCodeAsync();
        await FieldAsync(other.Id, "Favorite Store", CustomFieldType.Text);
        using var client = await fixture.SignInAsync(_code);

        var response = await client.SubmitFormAsync("/admin/custom-fields/new", "main form", new() { ["Name"] = "Favorite Store", ["Type"] = "Text" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Rename_KeepsTheTypeAndTheValues()
    {
        var field = await FieldAsync(_code.Id, "Points", CustomFieldType.Number);
        await ValueAsync(field, 1, "10");
        using var client = await fixture.SignInAsync(_code);

        var response = await client.SubmitFormAsync($"/admin/custom-fields/{field.Id}/rename", "main form", new() { ["Name"] = "Loyalty Points", ["Type"] = "Text" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var renamed = await _app.WithDbAsync(db => db.CustomFields.AsNoTracking().SingleAsync(f => f.SenderCodeId == _code.Id));
        Assert.Equal(("Loyalty Points", CustomFieldType.Number), (renamed.Name, renamed.Type));
        Assert.Equal(1, await _app.WithDbAsync(db => db.CustomFieldValues.CountAsync(v => v.FieldId == field.Id)));
    }

    [Fact]
    public async Task Rename_ToItsOwnNameInAnotherCase_IsAllowed()
    {
        var field = await FieldAsync(_code.Id, "loyalty points", CustomFieldType.Number);
        using var client = await fixture.SignInAsync(_code);

        var response = await client.SubmitFormAsync($"/admin/custom-fields/{field.Id}/rename", "main form", new() { ["Name"] = "Loyalty Points" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Delete_SaysHowManyContactsHoldAValue_ThenDeletesTheFieldAndItsValues()
    {
        var field = await FieldAsync(_code.Id, "Favorite Store", CustomFieldType.Text);
        var kept = await FieldAsync(_code.Id, "Member Since", CustomFieldType.Date);
        await ValueAsync(field, 1, "Fifth Avenue");
        await ValueAsync(field, 2, "SoHo");
        await ValueAsync(kept, 1, "2024-01-01");
        using var client = await fixture.SignInAsync(_code);

        var confirm = await client.GetPageAsync($"/admin/custom-fields/{field.Id}/delete");
        Assert.Contains("2 contacts hold a value for Favorite Store", confirm.QuerySelector("[role=alert]")!.TextContent);
        var (_, after) = await client.FollowAsync(await client.SubmitFormAsync(confirm, "main form", []));

        Assert.Contains("deleted, with its values on 2 contacts", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(["Member Since"], await _app.WithDbAsync(db => db.CustomFields.Where(f => f.SenderCodeId == _code.Id).Select(f => f.Name).ToListAsync()));
        Assert.Equal([kept.Id], await _app.WithDbAsync(db => db.CustomFieldValues.Where(v => v.Field!.SenderCodeId == _code.Id).Select(v => v.FieldId).ToListAsync()));
    }

    [Fact]
    public async Task AFieldOfAnotherSenderCode_IsNotFound()
    {
        var other = await fixture.NewSenderCodeAsync();
        var foreign = await FieldAsync(other.Id, "Outlet", CustomFieldType.Text);
        using var client = await fixture.SignInAsync(_code);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/admin/custom-fields/{foreign.Id}/delete")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync($"/admin/custom-fields/{foreign.Id}/delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync($"/admin/custom-fields/{foreign.Id}/rename", new() { ["Name"] = "Mine" })).StatusCode);
        Assert.Equal("Outlet", await _app.WithDbAsync(db => db.CustomFields.Where(f => f.SenderCodeId == other.Id).Select(f => f.Name).SingleAsync()));
    }

    [Fact]
    public async Task Marketers_CannotManageFields()
    {
        var field = await FieldAsync(_code.Id, "Favorite Store", CustomFieldType.Text);
        var marketer = fixture.NewEmail("marketer");
        await _app.Data.UserAsync(marketer, UserRole.Marketer);
        using var client = await fixture.SignInAsync(_code, marketer, "marketer-password-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/custom-fields")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostWithTokenAsync("/admin/custom-fields/new", new() { ["Name"] = "Sneaky", ["Type"] = "Text" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostWithTokenAsync($"/admin/custom-fields/{field.Id}/delete", [])).StatusCode);
        Assert.Equal(["Favorite Store"], await _app.WithDbAsync(db => db.CustomFields.Where(f => f.SenderCodeId == _code.Id).Select(f => f.Name).ToListAsync()));
    }

    [Fact]
    public async Task TheAdminMenu_LinksToCustomFields()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/contacts");
        Assert.Contains(page.QuerySelectorAll("nav .dropdown-item"), a => a.TextContent == "Custom Fields" && a.GetAttribute("href") == "/admin/custom-fields");
    }

    private Task<CustomFieldDefinition> FieldAsync(int senderCodeId, string name, CustomFieldType type) =>
        _app.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = senderCodeId, Name = name, Type = type, CreatedUtc = DateTime.UtcNow };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field;
        });

    private async Task ValueAsync(CustomFieldDefinition field, int phone, string value)
    {
        var contact = await _app.WithDbAsync(db => db.Contacts.SingleOrDefaultAsync(c => c.SenderCodeId == field.SenderCodeId && c.Phone == TestPhones.Us(phone)))
            ?? await _app.Data.OptedOutAsync(field.SenderCodeId, TestPhones.Us(phone), OptOutReason.Manual, DateTime.UtcNow);
        await _app.WithDbAsync(async db =>
        {
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = contact.Id, FieldId = field.Id, Value = value });
            await db.SaveChangesAsync();
        });
    }
}
