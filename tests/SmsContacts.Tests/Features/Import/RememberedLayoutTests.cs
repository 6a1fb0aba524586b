using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Remembered layouts (issue "Import you can trust"): a file whose header row has the column names of one imported before on
/// the sender code (any order, case and spaces ignored) opens step 3 with that layout and says where it came from; the
/// matching rules hold for generated header rows; admins see and delete saved layouts; nothing leaks across sender codes.
/// </summary>
public sealed class RememberedLayoutTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789_-"], 1, 12];

    [Fact]
    public void SameNames_InAnyOrder_AnyCase_AnySpaces_HaveOneKey_AndAnyOtherRowAnother()
    {
        var rows =
            from names in Name.HashSet[1, 8]
            from seed in Gen.Int
            select (Names: names.ToArray(), Seed: seed);
        rows.Sample(row =>
        {
            var random = new Random(row.Seed);
            var key = Key(row.Names);

            // The same names shuffled, each with random case and blanks (spaces, tabs, no-break spaces) inside and around.
            var shuffled = row.Names.OrderBy(_ => random.Next()).Select(n => Disguise(n, random)).ToArray();
            Assert.Equal(key, Key(shuffled));

            // One column more, one fewer, or one renamed: another header row.
            Assert.NotEqual(key, Key([.. row.Names, "extra column!"]));
            if (row.Names.Length > 1)
            {
                Assert.NotEqual(key, Key(row.Names[1..]));
            }

            Assert.NotEqual(key, Key([row.Names[0] + "x", .. row.Names[1..]]));
        });
    }

    [Fact]
    public void RepeatedNames_LineUpByOccurrence_AndBlankRows_MatchNothing()
    {
        Assert.Equal(["PHONE", "NAME", "PHONE #2"], RememberedLayouts.MatchingNames(["Phone", "Name", " phone "]));
        Assert.NotEqual(Key(["Phone", "Phone"]), Key(["Phone"]));
        Assert.Null(RememberedLayouts.MatchingNames(["", "  ", "\t"]));
        Assert.Equal(["", "PHONE"], RememberedLayouts.MatchingNames(["", "Phone"]));

        // The same names as another tool writes them: decomposed accents, full-width letters, a byte order mark, zero-width spaces.
        Assert.Equal(Key(["Prénom", "Phone"]), Key(["Pre\u0301nom", "\uFEFFＰｈｏｎｅ"]));
        Assert.Equal(Key(["Last Name"]), Key(["Last\u200BName"]));
    }

    /// <summary>
    /// The kind of "Tag, Tag, Tag #2" (a 500 on Preview: the second "Tag" was numbered as the third column is named): every
    /// header row, of names drawn from a few letters, "#", digits, spaces and repeats, gets one matching name per column,
    /// no two alike, and a layout keyed by them can be remembered.
    /// </summary>
    [Fact]
    public void EveryColumn_GetsAMatchingNameOfItsOwn_WhateverTheRepeatsAndNumbers()
    {
        var names = Gen.OneOf(Gen.Const("Tag"), Gen.Const("tag "), Gen.Const("Tag #2"), Gen.Const("TAG#2"), Gen.Const("Tag #2 #2"),
            Gen.Const("#"), Gen.Const("2"), Gen.Const(" "), Gen.Const("Tag 2"), Gen.String[Gen.Char["Tg# 23"], 0, 6]);
        names.Array[1, 12].Sample(headers =>
        {
            var matching = RememberedLayouts.MatchingNames(headers);
            if (matching is null)
            {
                Assert.All(headers, h => Assert.True(string.IsNullOrWhiteSpace(h)));
                return;
            }

            Assert.Equal(headers.Length, matching.Count);
            Assert.Equal(matching.Count, matching.Distinct(StringComparer.Ordinal).Count());
        }, iter: 2000);
    }

    [Fact]
    public async Task AFileWithTheSameColumnNames_OpensWithTheLayoutOfTheLastOne_AndSaysWhichFile()
    {
        var (driver, code, list) = await StartAsync();
        var loyalty = await FieldAsync(code.Id, "Loyalty Tier");

        // Names no guess maps: the user chose every column by hand.
        var first = await driver.ImportAsync(
            $"Handy,Given,Family,Tier\n{TestPhones.Us(1)},Ann,Lee,Gold\n",
            ImportDriver.Settings(list.Id),
            new() { [0] = ImportFields.PhoneKey, [1] = "first_name", [2] = "last_name", [3] = $"custom:{loyalty}" },
            fileName: "crm-export-march.csv");
        Assert.Equal(1, first.Counts.OptedIn);

        var importId = await driver.UploadOkAsync("crm-export-april.csv", Encoding.UTF8.GetBytes($" tier ,FAMILY,handy,Gi VEN\nSilver,Ng,{TestPhones.Us(2)},Bo\n"));
        await driver.SettingsAsync(importId, ImportDriver.Settings(list.Id));
        var page = await driver.LayoutPageAsync(importId);

        Assert.Equal([$"custom:{loyalty}", "last_name", ImportFields.PhoneKey, "first_name"], Selected(page));
        var note = page.QuerySelector("#remembered-layout")!.TextContent;
        Assert.Contains("Layout from crm-export-march.csv on ", note, StringComparison.Ordinal);

        // Imported as shown, the columns land where the remembered layout put them.
        Assert.Equal(HttpStatusCode.Redirect, (await driver.LayoutAsync(importId)).StatusCode);
        await driver.RunJobAsync(importId);
        var record = await driver.RecordAsync(importId);
        Assert.True(record.Counts.OptedIn == 1, $"{record.Status} {record.Error} opted-in {record.Counts.OptedIn} rejected {record.Counts.Rejected} processed {record.Counts.Processed}");
        var contact = await fixture.App.WithDbAsync(db => db.Contacts.Include(c => c.CustomFieldValues).SingleAsync(c => c.Phone == TestPhones.Us(2) && c.SenderCodeId == code.Id));
        Assert.Equal(("Bo", "Ng", "Silver"), (contact.FirstName, contact.LastName, contact.CustomFieldValues.Single().Value));

        // The latest import of such a file replaces the layout: one per header row.
        var saved = await fixture.App.WithDbAsync(db => db.SavedImportLayouts.Where(l => l.SenderCodeId == code.Id).ToListAsync());
        Assert.Equal("crm-export-april.csv", Assert.Single(saved).FileName);
    }

    [Fact]
    public async Task TheUserCanStillChange_ALayoutChosenOnTheDraftWins_AndADeletedFieldIsNotImported()
    {
        var (driver, code, list) = await StartAsync();
        var tier = await FieldAsync(code.Id, "Tier");
        await driver.ImportAsync($"Handy,Tier,Given\n{TestPhones.Us(1)},Gold,Ann\n", ImportDriver.Settings(list.Id),
            new() { [0] = ImportFields.PhoneKey, [1] = $"custom:{tier}", [2] = "first_name" });

        await fixture.App.WithDbAsync(db => db.CustomFields.Where(f => f.Id == tier).ExecuteDeleteAsync());
        var importId = await driver.UploadOkAsync("again.csv", Encoding.UTF8.GetBytes($"Handy,Tier,Given\n{TestPhones.Us(2)},Gold,Bo\n"));
        await driver.SettingsAsync(importId, ImportDriver.Settings(list.Id));
        Assert.Equal([ImportFields.PhoneKey, ImportFields.DoNotImport, "first_name"], Selected(await driver.LayoutPageAsync(importId)));

        // The user maps Given to Last Name instead; that choice is what is imported and remembered.
        Assert.Equal(HttpStatusCode.Redirect, (await driver.LayoutAsync(importId, new() { [2] = "last_name" })).StatusCode);
        await driver.RunJobAsync(importId);
        Assert.Equal("Bo", await fixture.App.WithDbAsync(db => db.Contacts.Where(c => c.Phone == TestPhones.Us(2) && c.SenderCodeId == code.Id).Select(c => c.LastName).SingleAsync()));

        var next = await driver.UploadOkAsync("third.csv", Encoding.UTF8.GetBytes($"Given,Handy,Tier\nCy,{TestPhones.Us(3)},x\n"));
        await driver.SettingsAsync(next, ImportDriver.Settings(list.Id));
        Assert.Equal(["last_name", ImportFields.PhoneKey, ImportFields.DoNotImport], Selected(await driver.LayoutPageAsync(next)));
    }

    [Fact]
    public async Task FilesWithoutAHeaderRow_AreNeverRemembered_AndLayoutsStayOnTheirSenderCode()
    {
        var (driver, code, list) = await StartAsync();
        var noHeader = ImportDriver.Settings(list.Id);
        noHeader["FirstLineHasColumnNames"] = "false";
        await driver.ImportAsync($"{TestPhones.Us(1)},Ann\n{TestPhones.Us(2)},Bo\n", noHeader, new() { [0] = ImportFields.PhoneKey, [1] = "last_name" });
        Assert.Equal(0, await fixture.App.WithDbAsync(db => db.SavedImportLayouts.CountAsync(l => l.SenderCodeId == code.Id)));

        await driver.ImportAsync($"Handy,Given\n{TestPhones.Us(3)},Cy\n", ImportDriver.Settings(list.Id), new() { [0] = ImportFields.PhoneKey, [1] = "last_name" });

        // Another sender code with the same file: its own guess, no note.
        var other = await fixture.NewSenderCodeAsync();
        var otherList = await fixture.App.Data.ListAsync(other.Id, "Other");
        var otherDriver = await ImportDriver.StartAsync(fixture.App, other);
        var importId = await otherDriver.UploadOkAsync("same.csv", Encoding.UTF8.GetBytes($"Handy,Given\n{TestPhones.Us(4)},Di\n"));
        await otherDriver.SettingsAsync(importId, ImportDriver.Settings(otherList.Id));
        var page = await otherDriver.LayoutPageAsync(importId);
        Assert.Null(page.QuerySelector("#remembered-layout"));
        Assert.NotEqual("last_name", Selected(page)[1]);
    }

    [Fact]
    public async Task AdminsSeeAndDeleteSavedLayouts_MarketersCannot()
    {
        var (driver, code, list) = await StartAsync();
        await driver.ImportAsync($"Handy,Given,Unused\n{TestPhones.Us(1)},Ann,x\n", ImportDriver.Settings(list.Id), new() { [0] = ImportFields.PhoneKey, [1] = "first_name" }, fileName: "shop.csv");

        var page = await driver.Client.GetPageAsync("/imports/layouts");
        var row = Assert.Single(page.QuerySelectorAll("table[aria-label='Saved layouts'] tbody tr"));
        Assert.Contains("Handy, Given, Unused", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 of 3", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("shop.csv", row.TextContent, StringComparison.Ordinal);
        var delete = row.QuerySelector("button")!;
        Assert.Equal("Delete layout from shop.csv", delete.GetAttribute("aria-label"));
        var action = delete.Closest("form")!.GetAttribute("action")!;

        var email = $"layouts-{code.Code}@example.com";
        await fixture.App.Data.UserAsync(email, UserRole.Marketer, senderCodeIds: [code.Id]);
        using (var marketer = await fixture.App.SignInAsync(email, "marketer-password-1"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/imports/layouts")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await marketer.PostWithTokenAsync(action, [])).StatusCode);
        }

        // An id of another sender code is not found from this one.
        var other = await fixture.NewSenderCodeAsync();
        var otherDriver = await ImportDriver.StartAsync(fixture.App, other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDriver.Client.PostWithTokenAsync(action, [])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await driver.Client.PostWithTokenAsync(action, [])).StatusCode);
        Assert.Equal(0, await fixture.App.WithDbAsync(db => db.SavedImportLayouts.CountAsync(l => l.SenderCodeId == code.Id)));
        var importId = await driver.UploadOkAsync("shop.csv", Encoding.UTF8.GetBytes($"Handy,Given,Unused\n{TestPhones.Us(2)},Bo,y\n"));
        await driver.SettingsAsync(importId, ImportDriver.Settings(list.Id));
        Assert.Null((await driver.LayoutPageAsync(importId)).QuerySelector("#remembered-layout"));
    }

    private async Task<(ImportDriver Driver, SenderCode Code, ContactList List)> StartAsync()
    {
        var code = await fixture.NewSenderCodeAsync();
        var list = await fixture.App.Data.ListAsync(code.Id, "Remembered");
        return (await ImportDriver.StartAsync(fixture.App, code), code, list);
    }

    private Task<int> FieldAsync(int senderCodeId, string name) => fixture.App.WithDbAsync(async db =>
    {
        var field = new CustomFieldDefinition { SenderCodeId = senderCodeId, Name = name, Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow };
        db.CustomFields.Add(field);
        await db.SaveChangesAsync();
        return field.Id;
    });

    private static List<string> Selected(IDocument page) =>
        page.QuerySelectorAll("#layout-form select").Cast<IHtmlSelectElement>().Select(s => s.SelectedOptions.Single().Value).ToList();

    private static string Key(IReadOnlyList<string> headers) => RememberedLayouts.HeaderKey(RememberedLayouts.MatchingNames(headers)!);

    private static string Disguise(string name, Random random)
    {
        string[] blanks = [" ", "\t", "\u00A0", ""];
        var text = new StringBuilder(blanks[random.Next(blanks.Length)]);
        foreach (var c in name)
        {
            text.Append(random.Next(2) == 0 ? char.ToUpperInvariant(c) : c).Append(blanks[random.Next(blanks.Length)]);
        }

        return text.ToString();
    }
}
