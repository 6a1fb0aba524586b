using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.ContactActions;

/// <summary>Every POST of managing one contact refuses a request without the anti-forgery token, and changes nothing.</summary>
public sealed class AntiforgeryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private Contact _contact = null!;
    private ContactList _vip = null!;
    private CustomFieldDefinition _field = null!;

    public async Task InitializeAsync()
    {
        var code = await _app.Data.SenderCodeAsync();
        _vip = await _app.Data.ListAsync(code.Id, "VIP");
        _contact = await _app.Data.SubscribedAsync(code.Id, TestPhones.Us(1), DateTime.UtcNow, "ada@example.com", SubscriptionStatus.Active, _vip);
        _field = await _app.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Favorite Store", Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field;
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string> Posts => new()
    {
        "/contacts/add",
        "/contacts/add/save",
        "/contacts/{contact}/update",
        "/contacts/unsubscribe",
        "/contacts/ban",
        "/contacts/{contact}/opt-back-in",
        "/admin/custom-fields/new",
        "/admin/custom-fields/{field}/rename",
        "/admin/custom-fields/{field}/delete",
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task APostWithoutTheToken_IsRefused(string template)
    {
        using var client = await _app.SignInAsync();
        var url = template.Replace("{contact}", _contact.Id.ToString()).Replace("{field}", _field.Id.ToString());

        var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Phone"] = TestPhones.Us(2),
            ["ListId"] = _vip.Id.ToString(),
            ["Contact"] = _contact.Id.ToString(),
            ["Scope"] = "all",
            ["FirstName"] = "Mallory",
            ["Version"] = _contact.Version.ToString(),
            ["confirmed"] = "true",
            ["Name"] = "Forged",
            ["Type"] = "Text",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var contacts = await _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).ToListAsync());
        var contact = Assert.Single(contacts);
        Assert.Equal((null, (OptOutReason?)null, 1), (contact.FirstName, contact.OptOutReason, contact.Subscriptions.Count));
        Assert.Equal(["Favorite Store"], await _app.WithDbAsync(db => db.CustomFields.Select(f => f.Name).ToListAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ConsentEvents.CountAsync()));
    }
}
