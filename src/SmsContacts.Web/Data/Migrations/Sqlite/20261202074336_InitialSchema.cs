using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            // ImportJournal is made WITHOUT ROWID by InitialSchemaSql.Sqlite.Up (EF cannot say so).
            migrationBuilder.CreateTable(
                name: "ImportJournalFieldValues",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<int>(type: "INTEGER", nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalFieldValues", x => new { x.ImportId, x.ContactId, x.FieldId });
                });

            migrationBuilder.CreateTable(
                name: "ImportJournalSubscriptions",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalSubscriptions", x => new { x.ImportId, x.ContactId, x.ListId });
                });

            migrationBuilder.CreateTable(
                name: "ListActivity",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    PendingDelta = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListActivity", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Kind, x.Detail });
                });

            migrationBuilder.CreateTable(
                name: "OptOutDateCounts",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Reason });
                });

            migrationBuilder.CreateTable(
                name: "SenderCodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    HelpText = table.Column<string>(type: "TEXT", maxLength: 480, nullable: false),
                    ExtraOptOutWords = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExtraOptInWords = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExtraHelpWords = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OptOutConfirmation = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SenderCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignInThrottles",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFailureUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInThrottles", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "SiteSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultTimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubscribeDateCounts",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscribeDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId });
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
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
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsDisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SelectedSenderCodeId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PhoneDigitsReversed = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Birthday = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OptedOutUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OptOutReason = table.Column<int>(type: "INTEGER", nullable: true),
                    OtherReply = table.Column<string>(type: "TEXT", maxLength: 1600, nullable: true),
                    OtherReplyUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastMessageUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSendUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastClickUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ComplianceLastSentUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<int>(type: "INTEGER", nullable: true),
                    PhoneSearch = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecipientUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecipientEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    StoredFileName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HeartbeatUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EmailUnconfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    RetriedAsExportId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OriginalFileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    StoredFileName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileSize = table.Column<long>(type: "INTEGER", nullable: false),
                    ListName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ColumnMapping = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CheckpointBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckpointLine = table.Column<long>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    OptedIn = table.Column<int>(type: "INTEGER", nullable: false),
                    OptedInWithFieldUpdates = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    OptedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    IgnoredOptedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    IgnoredBanned = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    AwaitingConfirmation = table.Column<int>(type: "INTEGER", nullable: false),
                    FileLines = table.Column<int>(type: "INTEGER", nullable: false),
                    HeaderLines = table.Column<int>(type: "INTEGER", nullable: false),
                    BlankLines = table.Column<int>(type: "INTEGER", nullable: false),
                    ContinuationLines = table.Column<int>(type: "INTEGER", nullable: false),
                    WarningRows = table.Column<int>(type: "INTEGER", nullable: false),
                    SettingsSavedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RowReportsDeletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Journaled = table.Column<bool>(type: "INTEGER", nullable: false),
                    JournalDeletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DetectionNotes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DateOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Delimiter = table.Column<char>(type: "TEXT", nullable: false),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EnterJourneys = table.Column<bool>(type: "INTEGER", nullable: false),
                    FieldUpdateMode = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstLineHasColumnNames = table.Column<bool>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: true),
                    OverrideMarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    OverrideOptInStatus = table.Column<bool>(type: "INTEGER", nullable: false),
                    StoreAsDoubleOptIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    TextQualifier = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DoubleOptIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    WelcomeMessage = table.Column<string>(type: "TEXT", maxLength: 480, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HeaderKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mapping = table.Column<string>(type: "TEXT", nullable: false),
                    ColumnNames = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
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
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
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
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
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
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
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
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Grid = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HiddenColumns = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
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
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OccurredUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: true),
                    ListName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StateBefore = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StateAfter = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    MessageSid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Method = table.Column<int>(type: "INTEGER", nullable: true),
                    ConsentNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ApplyPendingSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OptOutType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    IsOptOutConfirmation = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RawLine = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
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
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAgreedAgain = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckpointContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactsRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscriptionsRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    FieldsSetBack = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusesSetBack = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentSetBack = table.Column<int>(type: "INTEGER", nullable: false),
                    OptOutsLifted = table.Column<int>(type: "INTEGER", nullable: false),
                    TextsCancelled = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactsChangedSince = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RawLine = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    MatchKey = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
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
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    HasEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    Block = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subscriptions = table.Column<int>(type: "INTEGER", nullable: false)
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
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    Block = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subscriptions = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmailBlock = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    SuspendedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Decision = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                unique: true);

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
                unique: true);

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
                unique: true);

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
                unique: true);

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

            InitialSchemaSql.Sqlite.Up(migrationBuilder);
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

            InitialSchemaSql.Sqlite.Down(migrationBuilder);
        }
    }
}
