using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.Tests.Features.Export;

/// <summary>
/// One app wired to a real SMTP server in the test process, with: sender code A (55123) with lists
/// VIP and Promotions, three custom fields and 30 subscribed contacts (n % 3: 0 → VIP, 1 → Promotions,
/// 2 → both), one of them (n = 11) with formula payloads in its fields; 4 opted-out contacts; sender
/// code B with a contact of its own; two marketers besides the admin.
/// </summary>
public sealed class ExportFixture : IAsyncLifetime
{
    public const string MarketerEmail = "marketer@example.com";
    public const string OtherEmail = "other@example.com";
    public const string Password = "marketer-password-1";
    public const int Subscribed = 30;
    public const int FormulaContact = 11;
    public static readonly DateTime BaseTime = new(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    /// <summary>Cells a spreadsheet would run, and the one it would not (a plain number).</summary>
    public static readonly (string First, string Last, string Postal, string Store) Payloads =
        ("=HYPERLINK(\"http://evil.example\",\"Click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)");

    public InProcessSmtpServer Smtp { get; } = new();

    public AppFactory App { get; private set; } = null!;

    public SenderCode CodeA { get; private set; } = null!;

    public SenderCode CodeB { get; private set; } = null!;

    public ContactList Vip { get; private set; } = null!;

    public ContactList Promotions { get; private set; } = null!;

    public List<CustomFieldDefinition> Fields { get; } = [];

    public string MarketerId { get; private set; } = "";

    public string OtherId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = new AppFactory(Smtp.AppSettings());
        var data = App.Data;
        CodeA = await data.SenderCodeAsync("55123");
        CodeB = await data.SenderCodeAsync("78900");
        Vip = await data.ListAsync(CodeA.Id, "VIP");
        Promotions = await data.ListAsync(CodeA.Id, "Promotions");
        var listOfB = await data.ListAsync(CodeB.Id, "Outlet News");
        await data.UserAsync(MarketerEmail, UserRole.Marketer, Password);
        await data.UserAsync(OtherEmail, UserRole.Marketer, Password);

        await App.WithDbAsync(async db =>
        {
            MarketerId = (await db.Users.SingleAsync(u => u.Email == MarketerEmail)).Id;
            OtherId = (await db.Users.SingleAsync(u => u.Email == OtherEmail)).Id;
            Fields.Add(new CustomFieldDefinition { SenderCodeId = CodeA.Id, Name = "Favorite Store", Type = CustomFieldType.Text, CreatedUtc = BaseTime });
            Fields.Add(new CustomFieldDefinition { SenderCodeId = CodeA.Id, Name = "Loyalty Points", Type = CustomFieldType.Number, CreatedUtc = BaseTime });
            Fields.Add(new CustomFieldDefinition { SenderCodeId = CodeA.Id, Name = "Member Since", Type = CustomFieldType.Date, CreatedUtc = BaseTime });
            db.CustomFields.AddRange(Fields);
            db.CustomFields.Add(new CustomFieldDefinition { SenderCodeId = CodeB.Id, Name = "Outlet Only", Type = CustomFieldType.Text, CreatedUtc = BaseTime });
            await db.SaveChangesAsync();

            for (var n = 0; n < Subscribed; n++)
            {
                var contact = Contact(CodeA.Id, n);
                var lists = (n % 3) switch { 0 => new[] { Vip }, 1 => [Promotions], _ => [Vip, Promotions] };
                foreach (var (list, i) in lists.Select((l, i) => (l, i)))
                {
                    contact.Subscriptions.Add(new Subscription
                    {
                        SenderCodeId = CodeA.Id,
                        ListId = list.Id,
                        Phone = contact.Phone,
                        SubscribedUtc = BaseTime.AddHours(n).AddDays(i),
                        Method = i == 0 ? SubscribeMethod.Import : SubscribeMethod.Keyword,
                        Keyword = i == 0 ? null : "PROMO",
                        MarketingConsent = true,
                        Status = n % 4 == 3 ? SubscriptionStatus.Pending : SubscriptionStatus.Active,
                    });
                }

                // Every other contact has values; numbers include a negative one, which must survive the formula guard.
                if (n % 2 == 0)
                {
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = Fields[0].Id, Value = $"Store {n}" });
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = Fields[1].Id, Value = n == 0 ? "-12.5" : (n * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                }

                if (n % 5 == 0)
                {
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = Fields[2].Id, Value = "2020-02-29" });
                }

                if (n == FormulaContact)
                {
                    contact.FirstName = Payloads.First;
                    contact.LastName = Payloads.Last;
                    contact.PostalCode = Payloads.Postal;
                    contact.Email = "'=already-quoted@example.com";
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = Fields[0].Id, Value = Payloads.Store });
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = Fields[2].Id, Value = "\t=1+1" });

                    // A spreadsheet that splits on semicolons (Excel in much of Europe) would see "=1+1" start a cell.
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = Fields[1].Id, Value = "10;=1+1" });
                }

                db.Contacts.Add(contact);
            }

            var reasons = new[] { OptOutReason.StopKeyword, OptOutReason.Manual, OptOutReason.Banned, OptOutReason.StopKeyword };
            for (var i = 0; i < reasons.Length; i++)
            {
                var contact = Contact(CodeA.Id, 100 + i);
                contact.OptedOutUtc = BaseTime.AddDays(10 + i);
                contact.OptOutReason = reasons[i];
                contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = Fields[0].Id, Value = $"Opted-out store {i}" });
                db.Contacts.Add(contact);
            }

            var ofB = Contact(CodeB.Id, 0);
            ofB.Subscriptions.Add(new Subscription { SenderCodeId = CodeB.Id, ListId = listOfB.Id, Phone = ofB.Phone, SubscribedUtc = BaseTime, Method = SubscribeMethod.Import });
            db.Contacts.Add(ofB);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Runs the export job as Hangfire would (tests run no job server) and returns the record.</summary>
    public async Task<ExportRecord> RunExportAsync(Guid exportId)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExportContactsJob>().RunAsync(exportId, CancellationToken.None);
        }

        return await App.WithDbAsync(db => db.Exports.AsNoTracking().SingleAsync(e => e.Id == exportId));
    }

    /// <summary>Submits Configure Export a second after the previous one, so "the latest export" is never ambiguous.</summary>
    public Task<HttpResponseMessage> SubmitExportAsync(TestClient client, string configureUrl, string recipientId)
    {
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        return client.SubmitFormAsync(configureUrl, "form#configure-export", new() { ["RecipientUserId"] = recipientId });
    }

    public Task<ExportRecord> LatestExportAsync() =>
        App.WithDbAsync(db => db.Exports.AsNoTracking().OrderByDescending(e => e.CreatedUtc).FirstAsync());

    private Contact Contact(int senderCodeId, int n) => new()
    {
        SenderCodeId = senderCodeId,
        Phone = TestPhones.Us(n),
        Email = $"c{n}@example.com",
        FirstName = $"First{n}",
        LastName = n % 4 == 0 ? null : $"Last {n}, Jr.",
        PostalCode = (n * 37 % 100000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
        Birthday = n % 3 == 0 ? new DateOnly(1980 + n % 20, 1 + n % 12, 1 + n % 28) : null,
        LastSendUtc = n % 2 == 0 ? BaseTime.AddDays(-n) : null,
        LastClickUtc = n % 4 == 0 ? BaseTime.AddDays(-n).AddMinutes(5) : null,
        ComplianceLastSentUtc = n % 6 == 0 ? BaseTime.AddDays(-2 * n) : null,
        CreatedUtc = BaseTime,
        UpdatedUtc = BaseTime,
    };

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
