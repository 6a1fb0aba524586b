using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportJournal",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    Created = table.Column<bool>(type: "bit", nullable: false),
                    WrittenUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    VersionAfter = table.Column<int>(type: "int", nullable: false),
                    Subscribed = table.Column<bool>(type: "bit", nullable: false),
                    StatusBefore = table.Column<int>(type: "int", nullable: true),
                    ConfirmedBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    MarketingBefore = table.Column<bool>(type: "bit", nullable: true),
                    CartBefore = table.Column<bool>(type: "bit", nullable: true),
                    MarketingAfter = table.Column<bool>(type: "bit", nullable: true),
                    CartAfter = table.Column<bool>(type: "bit", nullable: true),
                    OtherReplyBefore = table.Column<string>(type: "nvarchar(1600)", maxLength: 1600, nullable: true),
                    OtherReplyBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OptedOut = table.Column<bool>(type: "bit", nullable: false),
                    EmailBefore = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    EmailAfter = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    FirstNameBefore = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    FirstNameAfter = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LastNameBefore = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LastNameAfter = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    BirthdayBefore = table.Column<DateOnly>(type: "date", nullable: true),
                    BirthdayAfter = table.Column<DateOnly>(type: "date", nullable: true),
                    PostalCodeBefore = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    PostalCodeAfter = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ChangedSince = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournal", x => new { x.ImportId, x.ContactId });
                });

            migrationBuilder.CreateTable(
                name: "ImportJournalFieldValues",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    FieldId = table.Column<int>(type: "int", nullable: false),
                    Before = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalFieldValues", x => new { x.ImportId, x.ContactId, x.FieldId });
                });

            migrationBuilder.CreateTable(
                name: "ImportJournalSubscriptions",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Method = table.Column<int>(type: "int", nullable: false),
                    Keyword = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "bit", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "bit", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalSubscriptions", x => new { x.ImportId, x.ContactId, x.ListId });
                });

            migrationBuilder.CreateTable(
                name: "ListActivity",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    BucketMinutes = table.Column<int>(type: "int", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    PendingDelta = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListActivity", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Kind, x.Detail });
                });

            migrationBuilder.CreateTable(
                name: "OptOutDateCounts",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    BucketMinutes = table.Column<int>(type: "int", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Reason });
                });

            migrationBuilder.CreateTable(
                name: "SenderCodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CountryCode = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: false),
                    HelpText = table.Column<string>(type: "nvarchar(480)", maxLength: 480, nullable: false),
                    ExtraOptOutWords = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ExtraOptInWords = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ExtraHelpWords = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    OptOutConfirmation = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SenderCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignInThrottles",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Failures = table.Column<int>(type: "int", nullable: false),
                    LastFailureUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInThrottles", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "SiteSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    DefaultTimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubscribeDateCounts",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    BucketMinutes = table.Column<int>(type: "int", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscribeDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId });
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoleId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IsDisabled = table.Column<bool>(type: "bit", nullable: false),
                    SelectedSenderCodeId = table.Column<int>(type: "int", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    PasswordHash = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    SecurityStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PhoneNumber = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "bit", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_SenderCodes_SelectedSenderCodeId",
                        column: x => x.SelectedSenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PhoneDigitsReversed = table.Column<string>(type: "nvarchar(15)", maxLength: 15, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    FirstName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Birthday = table.Column<DateOnly>(type: "date", nullable: true),
                    PostalCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OptedOutUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OptOutReason = table.Column<int>(type: "int", nullable: true),
                    OtherReply = table.Column<string>(type: "nvarchar(1600)", maxLength: 1600, nullable: true),
                    OtherReplyUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastMessageUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastSendUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastClickUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ComplianceLastSentUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "CustomFields",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Type = table.Column<int>(type: "int", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomFields_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Exports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: true),
                    Reason = table.Column<int>(type: "int", nullable: true),
                    PhoneSearch = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    RequestedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecipientUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecipientEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    RowCount = table.Column<int>(type: "int", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: true),
                    StoredFileName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ExpiresUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    HeartbeatUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EmailUnconfirmed = table.Column<bool>(type: "bit", nullable: false),
                    RetriedAsExportId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Exports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Exports_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    OriginalFileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    StoredFileName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FileSize = table.Column<long>(type: "bigint", nullable: false),
                    ListName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ColumnMapping = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CheckpointBytes = table.Column<long>(type: "bigint", nullable: false),
                    CheckpointLine = table.Column<long>(type: "bigint", nullable: false),
                    Processed = table.Column<int>(type: "int", nullable: false),
                    OptedIn = table.Column<int>(type: "int", nullable: false),
                    OptedInWithFieldUpdates = table.Column<int>(type: "int", nullable: false),
                    Updated = table.Column<int>(type: "int", nullable: false),
                    Unchanged = table.Column<int>(type: "int", nullable: false),
                    OptedOut = table.Column<int>(type: "int", nullable: false),
                    IgnoredOptedOut = table.Column<int>(type: "int", nullable: false),
                    IgnoredBanned = table.Column<int>(type: "int", nullable: false),
                    Skipped = table.Column<int>(type: "int", nullable: false),
                    Rejected = table.Column<int>(type: "int", nullable: false),
                    Duplicates = table.Column<int>(type: "int", nullable: false),
                    AwaitingConfirmation = table.Column<int>(type: "int", nullable: false),
                    FileLines = table.Column<int>(type: "int", nullable: false),
                    HeaderLines = table.Column<int>(type: "int", nullable: false),
                    BlankLines = table.Column<int>(type: "int", nullable: false),
                    ContinuationLines = table.Column<int>(type: "int", nullable: false),
                    WarningRows = table.Column<int>(type: "int", nullable: false),
                    SettingsSavedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RowReportsDeletedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Journaled = table.Column<bool>(type: "bit", nullable: false),
                    JournalDeletedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DetectionNotes = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Action = table.Column<int>(type: "int", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "bit", nullable: false),
                    ConsentNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DateOrder = table.Column<int>(type: "int", nullable: false),
                    Delimiter = table.Column<string>(type: "nvarchar(1)", nullable: false),
                    Encoding = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    EnterJourneys = table.Column<bool>(type: "bit", nullable: false),
                    FieldUpdateMode = table.Column<int>(type: "int", nullable: false),
                    FirstLineHasColumnNames = table.Column<bool>(type: "bit", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: true),
                    OverrideMarketingConsent = table.Column<bool>(type: "bit", nullable: false),
                    OverrideOptInStatus = table.Column<bool>(type: "bit", nullable: false),
                    StoreAsDoubleOptIn = table.Column<bool>(type: "bit", nullable: false),
                    TextQualifier = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Imports_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Lists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DoubleOptIn = table.Column<bool>(type: "bit", nullable: false),
                    WelcomeMessage = table.Column<string>(type: "nvarchar(480)", maxLength: 480, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Lists_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "SavedImportLayouts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    HeaderKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Mapping = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ColumnNames = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SavedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedImportLayouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedImportLayouts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderKey = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    RoleId = table.Column<string>(type: "nvarchar(450)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    LoginProvider = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Value = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserColumnPreferences",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Grid = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    HiddenColumns = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserColumnPreferences", x => new { x.UserId, x.Grid });
                    table.ForeignKey(
                        name: "FK_UserColumnPreferences_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserSenderCodes",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSenderCodes", x => new { x.UserId, x.SenderCodeId });
                    table.ForeignKey(
                        name: "FK_UserSenderCodes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserSenderCodes_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "ConsentEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OccurredUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Change = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: true),
                    ListName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    StateBefore = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    StateAfter = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Source = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    MessageSid = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Method = table.Column<int>(type: "int", nullable: true),
                    ConsentNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentEvents_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Direction = table.Column<int>(type: "int", nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 65536, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DeliveredUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    ProviderMessageId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ErrorCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    ApplyPendingSinceUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OptOutType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    IsOptOutConfirmation = table.Column<bool>(type: "bit", nullable: false),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Messages_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Messages_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "CustomFieldValues",
                columns: table => new
                {
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    FieldId = table.Column<int>(type: "int", nullable: false),
                    Value = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFieldValues", x => new { x.ContactId, x.FieldId });
                    table.ForeignKey(
                        name: "FK_CustomFieldValues_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CustomFieldValues_CustomFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "CustomFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportRejectedRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LineNumber = table.Column<long>(type: "bigint", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RawLine = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRejectedRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportRejectedRows_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportUndos",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConfirmedAgreedAgain = table.Column<bool>(type: "bit", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Contacts = table.Column<int>(type: "int", nullable: false),
                    CheckpointContactId = table.Column<long>(type: "bigint", nullable: false),
                    ContactsDone = table.Column<int>(type: "int", nullable: false),
                    ContactsRemoved = table.Column<int>(type: "int", nullable: false),
                    SubscriptionsRemoved = table.Column<int>(type: "int", nullable: false),
                    FieldsSetBack = table.Column<int>(type: "int", nullable: false),
                    StatusesSetBack = table.Column<int>(type: "int", nullable: false),
                    ConsentSetBack = table.Column<int>(type: "int", nullable: false),
                    OptOutsLifted = table.Column<int>(type: "int", nullable: false),
                    TextsCancelled = table.Column<int>(type: "int", nullable: false),
                    ContactsChangedSince = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportUndos", x => x.ImportId);
                    table.ForeignKey(
                        name: "FK_ImportUndos_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportWarningRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LineNumber = table.Column<long>(type: "bigint", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RawLine = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportWarningRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportWarningRows_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListKeywords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    Keyword = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    MatchKey = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListKeywords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListKeywords_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListKeywords_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "SubscriptionCounts",
                columns: table => new
                {
                    ListId = table.Column<int>(type: "int", nullable: false),
                    HasEmail = table.Column<bool>(type: "bit", nullable: false),
                    Block = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Subscriptions = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriptionCounts", x => new { x.ListId, x.HasEmail, x.Block });
                    table.ForeignKey(
                        name: "FK_SubscriptionCounts_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubscriptionCounts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "SubscriptionPhoneCounts",
                columns: table => new
                {
                    ListId = table.Column<int>(type: "int", nullable: false),
                    Block = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Subscriptions = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriptionPhoneCounts", x => new { x.ListId, x.Block });
                    table.ForeignKey(
                        name: "FK_SubscriptionPhoneCounts_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubscriptionPhoneCounts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Subscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    EmailBlock = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Method = table.Column<int>(type: "int", nullable: false),
                    Keyword = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "bit", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "bit", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Subscriptions_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Subscriptions_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "SuspendedSubscriptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Method = table.Column<int>(type: "int", nullable: false),
                    Keyword = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "bit", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "bit", nullable: false),
                    SuspendedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuspendedSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuspendedSubscriptions_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SuspendedSubscriptions_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OptOutReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Decision = table.Column<int>(type: "int", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    DecidedByUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OptOutReviews_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OptOutReviews_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OptOutReviews_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true,
                filter: "[NormalizedName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SelectedSenderCodeId",
                table: "AspNetUsers",
                column: "SelectedSenderCodeId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true,
                filter: "[NormalizedUserName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentEvents_ContactId_OccurredUtc",
                table: "ConsentEvents",
                columns: new[] { "ContactId", "OccurredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_Email",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Email", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutDate",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptedOutUtc", "Phone" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutEmail",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Email", "Phone", "OptOutReason" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutPhone",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Phone", "OptOutReason" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutReason",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptOutReason", "OptedOutUtc", "Phone" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OtherEmail",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Email", "Phone" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OtherPhone",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Phone" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OtherContacts",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "LastMessageUtc", "Phone" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_Phone",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomFields_SenderCodeId_Name",
                table: "CustomFields",
                columns: new[] { "SenderCodeId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId",
                table: "CustomFieldValues",
                column: "FieldId");

            migrationBuilder.CreateIndex(
                name: "IX_Exports_SenderCodeId_CreatedUtc",
                table: "Exports",
                columns: new[] { "SenderCodeId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Exports_Status",
                table: "Exports",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Exports_TokenHash",
                table: "Exports",
                column: "TokenHash",
                unique: true,
                filter: "[TokenHash] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRejectedRows_ImportId_LineNumber",
                table: "ImportRejectedRows",
                columns: new[] { "ImportId", "LineNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Imports_SenderCodeId_CreatedUtc",
                table: "Imports",
                columns: new[] { "SenderCodeId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportWarningRows_ImportId_LineNumber",
                table: "ImportWarningRows",
                columns: new[] { "ImportId", "LineNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ListKeywords_ListId",
                table: "ListKeywords",
                column: "ListId");

            migrationBuilder.CreateIndex(
                name: "IX_ListKeywords_SenderCodeId_MatchKey",
                table: "ListKeywords",
                columns: new[] { "SenderCodeId", "MatchKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Lists_SenderCodeId_Name",
                table: "Lists",
                columns: new[] { "SenderCodeId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ApplyPending",
                table: "Messages",
                columns: new[] { "SenderCodeId", "Phone", "Id" },
                filter: "\"ApplyPendingSinceUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ContactId_CreatedUtc",
                table: "Messages",
                columns: new[] { "ContactId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Import",
                table: "Messages",
                columns: new[] { "ImportId", "ContactId" },
                filter: "\"ImportId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ProviderMessageId",
                table: "Messages",
                column: "ProviderMessageId",
                unique: true,
                filter: "[ProviderMessageId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Queued",
                table: "Messages",
                column: "Status",
                filter: "Status = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SenderCodeId",
                table: "Messages",
                column: "SenderCodeId");

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_ContactId",
                table: "OptOutReviews",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_MessageId",
                table: "OptOutReviews",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_Open",
                table: "OptOutReviews",
                columns: new[] { "SenderCodeId", "CreatedUtc" },
                filter: "\"DecidedUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_SenderCodeId_DecidedUtc",
                table: "OptOutReviews",
                columns: new[] { "SenderCodeId", "DecidedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedImportLayouts_SenderCodeId_HeaderKey",
                table: "SavedImportLayouts",
                columns: new[] { "SenderCodeId", "HeaderKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SenderCodes_Code",
                table: "SenderCodes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignInThrottles_LastFailureUtc",
                table: "SignInThrottles",
                column: "LastFailureUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block",
                table: "SubscriptionCounts",
                columns: new[] { "SenderCodeId", "HasEmail", "Block" });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionPhoneCounts_SenderCodeId_Block",
                table: "SubscriptionPhoneCounts",
                columns: new[] { "SenderCodeId", "Block", "Subscriptions" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ContactId_ListId",
                table: "Subscriptions",
                columns: new[] { "ContactId", "ListId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Grid_ListSubscribeDate",
                table: "Subscriptions",
                columns: new[] { "ListId", "SubscribedUtc", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Grid_SubscribeDate",
                table: "Subscriptions",
                columns: new[] { "SenderCodeId", "SubscribedUtc", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ListId_Phone",
                table: "Subscriptions",
                columns: new[] { "ListId", "Phone", "EmailBlock" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SenderCodeId_Phone",
                table: "Subscriptions",
                columns: new[] { "SenderCodeId", "Phone", "EmailBlock" });

            migrationBuilder.CreateIndex(
                name: "IX_SuspendedSubscriptions_ContactId_ListId",
                table: "SuspendedSubscriptions",
                columns: new[] { "ContactId", "ListId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuspendedSubscriptions_ListId",
                table: "SuspendedSubscriptions",
                column: "ListId");

            migrationBuilder.CreateIndex(
                name: "IX_UserSenderCodes_SenderCodeId",
                table: "UserSenderCodes",
                column: "SenderCodeId");

            InitialSchemaSql.SqlServer.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "ConsentEvents");

            migrationBuilder.DropTable(
                name: "CustomFieldValues");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Exports");

            migrationBuilder.DropTable(
                name: "ImportJournal");

            migrationBuilder.DropTable(
                name: "ImportJournalFieldValues");

            migrationBuilder.DropTable(
                name: "ImportJournalSubscriptions");

            migrationBuilder.DropTable(
                name: "ImportRejectedRows");

            migrationBuilder.DropTable(
                name: "ImportUndos");

            migrationBuilder.DropTable(
                name: "ImportWarningRows");

            migrationBuilder.DropTable(
                name: "ListActivity");

            migrationBuilder.DropTable(
                name: "ListKeywords");

            migrationBuilder.DropTable(
                name: "OptOutDateCounts");

            migrationBuilder.DropTable(
                name: "OptOutReviews");

            migrationBuilder.DropTable(
                name: "SavedImportLayouts");

            migrationBuilder.DropTable(
                name: "SignInThrottles");

            migrationBuilder.DropTable(
                name: "SiteSettings");

            migrationBuilder.DropTable(
                name: "SubscribeDateCounts");

            migrationBuilder.DropTable(
                name: "SubscriptionCounts");

            migrationBuilder.DropTable(
                name: "SubscriptionPhoneCounts");

            migrationBuilder.DropTable(
                name: "Subscriptions");

            migrationBuilder.DropTable(
                name: "SuspendedSubscriptions");

            migrationBuilder.DropTable(
                name: "UserColumnPreferences");

            migrationBuilder.DropTable(
                name: "UserSenderCodes");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "CustomFields");

            migrationBuilder.DropTable(
                name: "Imports");

            migrationBuilder.DropTable(
                name: "Messages");

            migrationBuilder.DropTable(
                name: "Lists");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "SenderCodes");

            InitialSchemaSql.SqlServer.Down(migrationBuilder);
        }
    }
}
