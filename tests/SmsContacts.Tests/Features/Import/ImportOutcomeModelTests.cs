using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Generated cases: random contacts in every state (new, on no list, on another list, active or pending on the list,
/// opted out, banned, an Other Contact) with random profiles and consent flags, a random file over them (cells empty,
/// equal to the stored value or new; numbers repeated; bad numbers and bad emails) and random settings (every action,
/// field update mode and box). The bulk writer's counts, stored profiles, subscriptions, consent events and texts must
/// be what the import rules, written out plainly here per row, say — and every record must be counted exactly once.
/// </summary>
public class ImportOutcomeModelTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private const int Cases = 64;
    private const int NumbersPerCase = 20;
    private static readonly string[] Mapping = ["phone", "email", "first_name", "birthday", "store"];

    private AppFactory App => fixture.App;

    private enum State
    {
        New,
        NoList,
        OtherListOnly,
        ActiveOnList,
        PendingOnList,
        OptedOut,
        Banned,
        OtherContact,
    }

    private sealed record Person(string Phone, State State, string? Email, string? First, DateOnly? Birthday, string? Store, bool Marketing, bool Cart);

    private sealed record Row(string PhoneCell, string? Phone, string? Email, string? First, string? Birthday, string? Store, bool BadEmail);

    private sealed record Settings(ImportAction Action, FieldUpdateMode Mode, bool DoubleOptIn, bool OverrideOptIn, bool Cart, bool OverrideMarketing);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, Cases)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task TheWriter_DoesWhatTheRulesSayForEveryRow_AndCountsEachRecordOnce(int seed)
    {
        var random = new Random(seed * 7919);
        var code = await fixture.NewSenderCodeAsync();
        var list = await App.Data.ListAsync(code.Id, "VIP");
        var other = await App.Data.ListAsync(code.Id, "Other");
        var store = await App.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Store", Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field;
        });
        var people = Enumerable.Range(0, NumbersPerCase).Select(i => NewPerson(random, seed * 100 + i)).ToList();
        await StoreAsync(code.Id, list, other, store, people);
        var before = await SnapshotAsync(code.Id, list, store);

        var rows = Rows(random, people);
        var settings = new Settings(
            (ImportAction)random.Next(3), (FieldUpdateMode)random.Next(3), random.Next(2) == 1, random.Next(2) == 1, random.Next(2) == 1, random.Next(2) == 1);
        var csv = new StringBuilder("Phone,Email,First Name,Birthday,Store\n");
        foreach (var row in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row.PhoneCell},{(row.BadEmail ? "not-an-email" : row.Email)},{row.First},{row.Birthday},{row.Store}\n");
        }

        var import = await QueuedImports.QueueAndRunAsync(App, code.Id, settings.Action == ImportAction.OptOut ? null : list, csv.ToString(),
            Mapping.Select(k => k == "store" ? $"custom:{store.Id}" : k).ToArray(), i =>
            {
                i.Settings.Action = settings.Action;
                i.Settings.FieldUpdateMode = settings.Mode;
                i.Settings.StoreAsDoubleOptIn = settings.DoubleOptIn;
                i.Settings.OverrideOptInStatus = settings.OverrideOptIn;
                i.Settings.CartAbandonmentConsent = settings.Cart;
                i.Settings.OverrideMarketingConsent = settings.OverrideMarketing;
            });

        var expected = Expect(people, rows, settings);
        var context = $"seed {seed}, {settings}\n{csv}";
        Assert.True(import.Status == ImportStatus.Completed, $"{import.Error}\n{context}");
        Assert.True(expected.Counts == Counts(import.Counts), $"expected {expected.Counts}\nactual   {Counts(import.Counts)}\n{context}");
        Assert.Equal(import.Counts.Processed, import.Counts.AccountedFor);
        Assert.Equal(rows.Count, import.Counts.Processed);

        var after = await SnapshotAsync(code.Id, list, store);
        foreach (var person in people)
        {
            var stored = after.GetValueOrDefault(person.Phone)?.Description;
            Assert.True(expected.Contacts.GetValueOrDefault(person.Phone) == stored,
                $"{person.Phone} ({person.State}): expected {expected.Contacts.GetValueOrDefault(person.Phone)}\nactual   {stored}\n{context}");
        }

        // A row counted Unchanged is not written at all: same version, same UpdatedUtc.
        foreach (var phone in expected.UnchangedPhones)
        {
            Assert.Equal(before[phone].Version, after[phone].Version);
        }

        var texts = await App.WithDbAsync(db => db.Messages.Where(m => m.SenderCodeId == code.Id).Select(m => m.Phone).ToListAsync());
        Assert.Equal(expected.AskedPhones.Order(), texts.Order());
        var events = await App.WithDbAsync(db => db.ConsentEvents.Where(e => e.ImportId == import.Id).ToListAsync());
        Assert.Equal(expected.EventCount, events.Count);
        Assert.All(events.Where(e => e.ListId is not null && e.Change is "Subscribed" or "Pending confirmation"), e => Assert.Equal("Not subscribed", e.StateBefore));
        Assert.Equal(expected.NotImportedLines, await App.WithDbAsync(db => db.ImportRejectedRows.CountAsync(r => r.ImportId == import.Id)));
    }

    private static Person NewPerson(Random random, int n)
    {
        var state = (State)random.Next(Enum.GetValues<State>().Length);
        return new Person(
            TestPhones.Us(n),
            state,
            Maybe(random, $"old{n}@example.com"),
            Maybe(random, "Old"),
            random.Next(2) == 1 ? new DateOnly(1990, 1, 1) : null,
            Maybe(random, "Mall"),
            random.Next(4) > 0,
            random.Next(2) == 1);
    }

    private static string? Maybe(Random random, string value) => random.Next(2) == 1 ? value : null;

    /// <summary>Each number once or twice (the earlier row a duplicate), cells empty / as stored / new; bad numbers and bad emails here and there.</summary>
    private static List<Row> Rows(Random random, List<Person> people)
    {
        var rows = new List<Row>();
        foreach (var person in people.OrderBy(_ => random.Next()))
        {
            var times = random.Next(5) == 0 ? 2 : 1;
            for (var t = 0; t < times; t++)
            {
                var national = person.Phone[2..];
                var cell = random.Next(3) switch
                {
                    0 => person.Phone,
                    1 => $"({national[..3]}) {national[3..6]}-{national[6..]}",
                    _ => national,
                };
                rows.Add(new Row(
                    cell,
                    person.Phone,
                    Cell(random, person.Email, $"new{rows.Count}@example.com"),
                    Cell(random, person.First, "New"),
                    Cell(random, person.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "1985-06-15"),
                    Cell(random, person.Store, "Harbor"),
                    random.Next(12) == 0));
            }
        }

        rows.Insert(random.Next(rows.Count + 1), new Row("123-45", null, null, null, null, null, false));
        return rows;
    }

    /// <summary>Mostly empty or as stored, so that many rows change nothing (Unchanged) and many change one field.</summary>
    private static string? Cell(Random random, string? stored, string fresh) => random.Next(20) switch
    {
        < 8 => null,
        < 17 => stored,
        _ => fresh,
    };

    private sealed record Expected(string Counts, Dictionary<string, string?> Contacts, List<string> UnchangedPhones, List<string> AskedPhones, int EventCount, int NotImportedLines);

    /// <summary>The import rules, row by row.</summary>
    private static Expected Expect(List<Person> people, List<Row> rows, Settings s)
    {
        int optedIn = 0, optedInWithUpdates = 0, updated = 0, unchanged = 0, optedOut = 0, ignoredOptedOut = 0, ignoredBanned = 0, skipped = 0, rejected = 0, duplicates = 0;
        var contacts = people.ToDictionary(p => p.Phone, p => p.State == State.New ? null : Describe(p.Email, p.First, p.Birthday, p.Store, Lists(p), OptOut(p)));
        var unchangedPhones = new List<string>();
        var asked = new List<string>();
        var events = 0;
        var target = s.DoubleOptIn ? "Pending" : "Active";
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Phone is null)
            {
                rejected++;
                continue;
            }

            if (row.BadEmail)
            {
                rejected++;
                continue;
            }

            // The last valid row of a number wins: a later row that is rejected supersedes nothing.
            if (rows.Skip(i + 1).Any(r => r.Phone == row.Phone && !r.BadEmail))
            {
                duplicates++;
                continue;
            }

            var p = people.Single(x => x.Phone == row.Phone);
            if (p.State == State.Banned)
            {
                ignoredBanned++;
                continue;
            }

            if (p.State == State.OptedOut)
            {
                ignoredOptedOut++;
                continue;
            }

            var onList = p.State is State.ActiveOnList or State.PendingOnList;
            var birthday = row.Birthday is null ? (DateOnly?)null : DateOnly.Parse(row.Birthday, CultureInfo.InvariantCulture);
            var fields = (Email: New(s.Mode, p.Email, row.Email), First: New(s.Mode, p.First, row.First), Birthday: NewDate(s.Mode, p.Birthday, birthday), Store: New(s.Mode, p.Store, row.Store));
            var fieldsChanged = p.State != State.New && (fields.Email != p.Email || fields.First != p.First || fields.Birthday != p.Birthday || fields.Store != p.Store);
            switch (s.Action)
            {
                case ImportAction.OptOut:
                    optedOut++;

                    // The sender code's event, and one for the list the number leaves (ContactConsent.OptOut's events).
                    events += p.State is State.OtherListOnly or State.ActiveOnList or State.PendingOnList ? 2 : 1;
                    contacts[p.Phone] = p.State == State.New
                        ? Describe(row.Email, row.First, birthday, row.Store, "", "Import")
                        : Describe(p.Email, p.First, p.Birthday, p.Store, "", "Import");
                    break;
                case ImportAction.AddOrUpdate when !onList:
                    optedIn++;
                    events++;
                    if (fieldsChanged)
                    {
                        optedInWithUpdates++;
                    }

                    if (s.DoubleOptIn)
                    {
                        asked.Add(p.Phone);
                    }

                    var lists = p.State == State.OtherListOnly ? $"Other:Active:{p.Marketing}:{p.Cart},VIP:{target}:True:{s.Cart}" : $"VIP:{target}:True:{s.Cart}";
                    contacts[p.Phone] = p.State == State.New
                        ? Describe(row.Email, row.First, birthday, row.Store, lists, "")
                        : Describe(fields.Email, fields.First, fields.Birthday, fields.Store, lists, "");
                    break;
                case ImportAction.UpdateExisting when !onList:
                    skipped++;
                    break;
                default:
                    var status = p.State == State.ActiveOnList ? "Active" : "Pending";
                    var (marketing, cart) = (p.Marketing, p.Cart);
                    var listChanged = false;
                    if (s.OverrideOptIn && status != target)
                    {
                        listChanged = true;
                        events++;
                        if (target == "Pending")
                        {
                            asked.Add(p.Phone);
                        }

                        status = target;
                    }

                    if (s.OverrideMarketing)
                    {
                        events += (marketing ? 0 : 1) + (cart != s.Cart ? 1 : 0);
                        listChanged |= !marketing || cart != s.Cart;
                        (marketing, cart) = (true, s.Cart);
                    }
                    else if (s.Cart && !cart)
                    {
                        events++;
                        listChanged = true;
                        cart = true;
                    }

                    if (fieldsChanged || listChanged)
                    {
                        updated++;
                    }
                    else
                    {
                        unchanged++;
                        unchangedPhones.Add(p.Phone);
                    }

                    contacts[p.Phone] = Describe(fields.Email, fields.First, fields.Birthday, fields.Store, $"VIP:{status}:{marketing}:{cart}", "");
                    break;
            }
        }

        var counts = $"{rows.Count} {optedIn} {optedInWithUpdates} {updated} {unchanged} {optedOut} {ignoredOptedOut} {ignoredBanned} {skipped} {rejected} {duplicates} {asked.Count}";
        return new Expected(counts, contacts, unchangedPhones, asked, events, rejected + duplicates + skipped);
    }

    /// <summary>Update fields: a filled cell replaces; Append: a filled cell fills an empty field; Overwrite: the cell replaces, empty clears.</summary>
    private static string? New(FieldUpdateMode mode, string? old, string? cell) => mode switch
    {
        FieldUpdateMode.Update => cell ?? old,
        FieldUpdateMode.Append => string.IsNullOrEmpty(old) && cell is not null ? cell : old,
        _ => cell,
    };

    private static DateOnly? NewDate(FieldUpdateMode mode, DateOnly? old, DateOnly? cell) => mode switch
    {
        FieldUpdateMode.Update => cell ?? old,
        FieldUpdateMode.Append => old ?? cell,
        _ => cell,
    };

    private static string Lists(Person p) => p.State switch
    {
        State.OtherListOnly => $"Other:Active:{p.Marketing}:{p.Cart}",
        State.ActiveOnList => $"VIP:Active:{p.Marketing}:{p.Cart}",
        State.PendingOnList => $"VIP:Pending:{p.Marketing}:{p.Cart}",
        _ => "",
    };

    private static string OptOut(Person p) => p.State switch
    {
        State.OptedOut => "StopKeyword",
        State.Banned => "Banned",
        _ => "",
    };

    private static string Describe(string? email, string? first, DateOnly? birthday, string? store, string lists, string optOut) =>
        $"email={email} first={first} birthday={birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} store={store} lists=[{lists}] optOut={optOut}";

    private static string Counts(ImportOutcomeCounts c) =>
        $"{c.Processed} {c.OptedIn} {c.OptedInWithFieldUpdates} {c.Updated} {c.Unchanged} {c.OptedOut} {c.IgnoredOptedOut} {c.IgnoredBanned} {c.Skipped} {c.Rejected} {c.Duplicates} {c.AwaitingConfirmation}";

    private async Task StoreAsync(int senderCodeId, ContactList list, ContactList other, CustomFieldDefinition store, List<Person> people)
    {
        var at = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        await App.WithDbAsync(async db =>
        {
            foreach (var p in people.Where(p => p.State != State.New))
            {
                var contact = new Contact
                {
                    SenderCodeId = senderCodeId,
                    Phone = p.Phone,
                    Email = p.Email,
                    FirstName = p.First,
                    Birthday = p.Birthday,
                    CreatedUtc = at,
                    UpdatedUtc = at,
                    OptedOutUtc = p.State is State.OptedOut or State.Banned ? at : null,
                    OptOutReason = p.State switch { State.OptedOut => OptOutReason.StopKeyword, State.Banned => OptOutReason.Banned, _ => null },
                    OtherReply = p.State == State.OtherContact ? "maybe" : null,
                    OtherReplyUtc = p.State == State.OtherContact ? at : null,
                };
                var on = p.State switch
                {
                    State.OtherListOnly => (other, SubscriptionStatus.Active),
                    State.ActiveOnList => (list, SubscriptionStatus.Active),
                    State.PendingOnList => (list, SubscriptionStatus.Pending),
                    _ => ((ContactList, SubscriptionStatus)?)null,
                };
                if (on is var (onList, status))
                {
                    contact.Subscriptions.Add(new Subscription
                    {
                        SenderCodeId = senderCodeId,
                        ListId = onList.Id,
                        Phone = p.Phone,
                        Status = status,
                        SubscribedUtc = at,
                        ConfirmedUtc = status == SubscriptionStatus.Active ? at : null,
                        Method = SubscribeMethod.Import,
                        MarketingConsent = p.Marketing,
                        CartAbandonmentConsent = p.Cart,
                    });
                }

                if (p.Store is not null)
                {
                    contact.CustomFieldValues.Add(new CustomFieldValue { FieldId = store.Id, Value = p.Store });
                }

                db.Contacts.Add(contact);
            }

            await db.SaveChangesAsync();
        });
    }

    private sealed record Stored(string Description, int Version);

    /// <summary>Each contact of the sender code as <see cref="Describe"/> writes it, with its version.</summary>
    private Task<Dictionary<string, Stored>> SnapshotAsync(int senderCodeId, ContactList list, CustomFieldDefinition store) =>
        App.WithDbAsync(async db =>
        {
            var contacts = await db.Contacts.AsNoTracking().Include(c => c.Subscriptions).ThenInclude(s => s.List).Include(c => c.CustomFieldValues)
                .Where(c => c.SenderCodeId == senderCodeId).ToListAsync();
            return contacts.ToDictionary(c => c.Phone, c => new Stored(
                Describe(
                    c.Email, c.FirstName, c.Birthday, c.CustomFieldValues.SingleOrDefault(v => v.FieldId == store.Id)?.Value,
                    string.Join(",", c.Subscriptions.OrderBy(s => s.ListId == list.Id ? 1 : 0).Select(s => $"{s.List!.Name}:{s.Status}:{s.MarketingConsent}:{s.CartAbandonmentConsent}")),
                    c.OptOutReason?.ToString() ?? ""),
                c.Version));
        });
}
