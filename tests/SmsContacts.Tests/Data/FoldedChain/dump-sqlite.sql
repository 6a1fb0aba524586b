-- The SQLite schema the old migration chain (InitialCreate .. AddImportJournalAndUndo, 23 migrations, listed in
-- FoldedMigrations) left in a fresh database, captured before the chain was folded into InitialSchema. One block per
-- sqlite_master row ("-- @ type name tbl_name order", then its SQL as stored); what SQLite makes by itself is left out
-- (sqlite_sequence, automatic indexes, FTS5 shadow tables), so the blocks run on an empty file; a trigger's header ends
-- with its place among its table's triggers as created (SQLite fires them newest first).
-- __EFMigrationsHistory is here as a table; its rows are not. Read by Data/FoldedChain/SqliteSchemaDump.
-- @ table AspNetRoleClaims AspNetRoleClaims 0
CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
-- @ table AspNetRoles AspNetRoles 0
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
-- @ table AspNetUserClaims AspNetUserClaims 0
CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
-- @ table AspNetUserLogins AspNetUserLogins 0
CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
-- @ table AspNetUserRoles AspNetUserRoles 0
CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
-- @ table AspNetUserTokens AspNetUserTokens 0
CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
-- @ table AspNetUsers AspNetUsers 0
CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "SelectedSenderCodeId" INTEGER NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL, "TimeZoneId" TEXT NULL,
    CONSTRAINT "FK_AspNetUsers_SenderCodes_SelectedSenderCodeId" FOREIGN KEY ("SelectedSenderCodeId") REFERENCES "SenderCodes" ("Id") ON DELETE SET NULL
);
-- @ table ConsentEvents ConsentEvents 0
CREATE TABLE "ConsentEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ConsentEvents" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "Phone" TEXT NOT NULL,
    "OccurredUtc" TEXT NOT NULL,
    "Change" TEXT NOT NULL,
    "ListId" INTEGER NULL,
    "ListName" TEXT NULL,
    "StateBefore" TEXT NOT NULL,
    "StateAfter" TEXT NOT NULL,
    "Source" INTEGER NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "MessageSid" TEXT NULL,
    "ImportId" TEXT NULL, "Detail" TEXT NULL, "ConsentNote" TEXT NULL, "Method" INTEGER NULL,
    CONSTRAINT "FK_ConsentEvents_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE RESTRICT
);
-- @ table Contacts Contacts 0
CREATE TABLE "Contacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Contacts" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "Phone" TEXT NOT NULL,
    "Email" TEXT NULL,
    "FirstName" TEXT NULL,
    "LastName" TEXT NULL,
    "Birthday" TEXT NULL,
    "PostalCode" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "OptedOutUtc" TEXT NULL,
    "OptOutReason" INTEGER NULL,
    "OtherReply" TEXT NULL,
    "OtherReplyUtc" TEXT NULL,
    "LastMessageUtc" TEXT NULL,
    "LastSendUtc" TEXT NULL,
    "LastClickUtc" TEXT NULL,
    "ComplianceLastSentUtc" TEXT NULL,
    "Version" INTEGER NOT NULL, "PhoneDigitsReversed" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "FK_Contacts_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table CustomFieldValues CustomFieldValues 0
CREATE TABLE "CustomFieldValues" (
    "ContactId" INTEGER NOT NULL,
    "FieldId" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    CONSTRAINT "PK_CustomFieldValues" PRIMARY KEY ("ContactId", "FieldId"),
    CONSTRAINT "FK_CustomFieldValues_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CustomFieldValues_CustomFields_FieldId" FOREIGN KEY ("FieldId") REFERENCES "CustomFields" ("Id") ON DELETE CASCADE
);
-- @ table CustomFields CustomFields 0
CREATE TABLE "CustomFields" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CustomFields" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_CustomFields_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table DataProtectionKeys DataProtectionKeys 0
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);
-- @ table Exports Exports 0
CREATE TABLE "Exports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Exports" PRIMARY KEY,
    "SenderCodeId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "ListId" INTEGER NULL,
    "Reason" INTEGER NULL,
    "PhoneSearch" TEXT NULL,
    "RequestedByUserId" TEXT NOT NULL,
    "RecipientUserId" TEXT NOT NULL,
    "RecipientEmail" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "RowCount" INTEGER NOT NULL,
    "TokenHash" BLOB NULL,
    "StoredFileName" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CompletedUtc" TEXT NULL,
    "ExpiresUtc" TEXT NULL,
    "Error" TEXT NULL, "StartedUtc" TEXT NULL, "EmailUnconfirmed" INTEGER NOT NULL DEFAULT 0, "HeartbeatUtc" TEXT NULL, "RetriedAsExportId" TEXT NULL,
    CONSTRAINT "FK_Exports_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table ImportJournal ImportJournal 0
CREATE TABLE "ImportJournal" (
    "ImportId" TEXT NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "Created" INTEGER NOT NULL,
    "WrittenUtc" TEXT NOT NULL,
    "VersionAfter" INTEGER NOT NULL,
    "Subscribed" INTEGER NOT NULL,
    "StatusBefore" INTEGER,
    "ConfirmedBeforeUtc" TEXT,
    "MarketingBefore" INTEGER,
    "CartBefore" INTEGER,
    "MarketingAfter" INTEGER,
    "CartAfter" INTEGER,
    "OtherReplyBefore" TEXT,
    "OtherReplyBeforeUtc" TEXT,
    "OptedOut" INTEGER NOT NULL,
    "EmailBefore" TEXT,
    "EmailAfter" TEXT,
    "FirstNameBefore" TEXT,
    "FirstNameAfter" TEXT,
    "LastNameBefore" TEXT,
    "LastNameAfter" TEXT,
    "BirthdayBefore" TEXT,
    "BirthdayAfter" TEXT,
    "PostalCodeBefore" TEXT,
    "PostalCodeAfter" TEXT,
    "ChangedSince" INTEGER NOT NULL,
    CONSTRAINT "PK_ImportJournal" PRIMARY KEY ("ImportId", "ContactId")) WITHOUT ROWID;
-- @ table ImportJournalFieldValues ImportJournalFieldValues 0
CREATE TABLE "ImportJournalFieldValues" (
    "ImportId" TEXT NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "FieldId" INTEGER NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    CONSTRAINT "PK_ImportJournalFieldValues" PRIMARY KEY ("ImportId", "ContactId", "FieldId")
);
-- @ table ImportJournalSubscriptions ImportJournalSubscriptions 0
CREATE TABLE "ImportJournalSubscriptions" (
    "ImportId" TEXT NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "ListId" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "SubscribedUtc" TEXT NOT NULL,
    "Method" INTEGER NOT NULL,
    "Keyword" TEXT NULL,
    "MarketingConsent" INTEGER NOT NULL,
    "CartAbandonmentConsent" INTEGER NOT NULL,
    "ConfirmedUtc" TEXT NULL,
    CONSTRAINT "PK_ImportJournalSubscriptions" PRIMARY KEY ("ImportId", "ContactId", "ListId")
);
-- @ table ImportRejectedRows ImportRejectedRows 0
CREATE TABLE "ImportRejectedRows" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ImportRejectedRows" PRIMARY KEY AUTOINCREMENT,
    "ImportId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Phone" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RawLine" TEXT NOT NULL,
    CONSTRAINT "FK_ImportRejectedRows_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
);
-- @ table ImportUndos ImportUndos 0
CREATE TABLE "ImportUndos" (
    "ImportId" TEXT NOT NULL CONSTRAINT "PK_ImportUndos" PRIMARY KEY,
    "Status" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "RequestedUtc" TEXT NOT NULL,
    "ConfirmedAgreedAgain" INTEGER NOT NULL,
    "StartedUtc" TEXT NULL,
    "CompletedUtc" TEXT NULL,
    "Error" TEXT NULL,
    "Contacts" INTEGER NOT NULL,
    "CheckpointContactId" INTEGER NOT NULL,
    "ContactsDone" INTEGER NOT NULL,
    "ContactsRemoved" INTEGER NOT NULL,
    "SubscriptionsRemoved" INTEGER NOT NULL,
    "FieldsSetBack" INTEGER NOT NULL,
    "StatusesSetBack" INTEGER NOT NULL,
    "ConsentSetBack" INTEGER NOT NULL,
    "OptOutsLifted" INTEGER NOT NULL,
    "TextsCancelled" INTEGER NOT NULL,
    "ContactsChangedSince" INTEGER NOT NULL,
    CONSTRAINT "FK_ImportUndos_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
);
-- @ table ImportWarningRows ImportWarningRows 0
CREATE TABLE "ImportWarningRows" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ImportWarningRows" PRIMARY KEY AUTOINCREMENT,
    "ImportId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Phone" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "RawLine" TEXT NOT NULL,
    CONSTRAINT "FK_ImportWarningRows_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
);
-- @ table Imports Imports 0
CREATE TABLE "Imports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Imports" PRIMARY KEY,
    "SenderCodeId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "OriginalFileName" TEXT NOT NULL,
    "StoredFileName" TEXT NOT NULL,
    "FileSize" INTEGER NOT NULL,
    "Encoding" TEXT NOT NULL,
    "Delimiter" TEXT NOT NULL,
    "EnterJourneys" INTEGER NOT NULL,
    "Action" INTEGER NOT NULL,
    "ListId" INTEGER NULL,
    "ListName" TEXT NULL,
    "FieldUpdateMode" INTEGER NOT NULL,
    "StoreAsDoubleOptIn" INTEGER NOT NULL,
    "OverrideOptInStatus" INTEGER NOT NULL,
    "CartAbandonmentConsent" INTEGER NOT NULL,
    "OverrideMarketingConsent" INTEGER NOT NULL,
    "TextQualifier" INTEGER NOT NULL,
    "FirstLineHasColumnNames" INTEGER NOT NULL,
    "ColumnMapping" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "StartedUtc" TEXT NULL,
    "CompletedUtc" TEXT NULL,
    "Error" TEXT NULL,
    "CheckpointBytes" INTEGER NOT NULL,
    "CheckpointLine" INTEGER NOT NULL,
    "Processed" INTEGER NOT NULL,
    "OptedIn" INTEGER NOT NULL,
    "Updated" INTEGER NOT NULL,
    "OptedOut" INTEGER NOT NULL,
    "IgnoredOptedOut" INTEGER NOT NULL,
    "IgnoredBanned" INTEGER NOT NULL,
    "Rejected" INTEGER NOT NULL, "DateOrder" INTEGER NOT NULL DEFAULT 0, "AwaitingConfirmation" INTEGER NOT NULL DEFAULT 0, "Duplicates" INTEGER NOT NULL DEFAULT 0, "OptedInWithFieldUpdates" INTEGER NOT NULL DEFAULT 0, "Skipped" INTEGER NOT NULL DEFAULT 0, "Unchanged" INTEGER NOT NULL DEFAULT 0, "BlankLines" INTEGER NOT NULL DEFAULT 0, "DetectionNotes" TEXT NULL, "HeaderLines" INTEGER NOT NULL DEFAULT 0, "WarningRows" INTEGER NOT NULL DEFAULT 0, "ContinuationLines" INTEGER NOT NULL DEFAULT 0, "FileLines" INTEGER NOT NULL DEFAULT 0, "RowReportsDeletedUtc" TEXT NULL, "SettingsSavedUtc" TEXT NULL, "ConsentNote" TEXT NULL, "JournalDeletedUtc" TEXT NULL, "Journaled" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_Imports_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table ListActivity ListActivity 0
CREATE TABLE "ListActivity" (
    "SenderCodeId" INTEGER NOT NULL,
    "ListId" INTEGER NOT NULL,
    "BucketMinutes" INTEGER NOT NULL,
    "BucketStartUtc" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Detail" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    "PendingDelta" INTEGER NOT NULL,
    CONSTRAINT "PK_ListActivity" PRIMARY KEY ("SenderCodeId", "BucketMinutes", "BucketStartUtc", "ListId", "Kind", "Detail")
);
-- @ table ListKeywords ListKeywords 0
CREATE TABLE "ListKeywords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ListKeywords" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "ListId" INTEGER NOT NULL,
    "Keyword" TEXT NOT NULL, "MatchKey" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "FK_ListKeywords_Lists_ListId" FOREIGN KEY ("ListId") REFERENCES "Lists" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ListKeywords_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table Lists Lists 0
CREATE TABLE "Lists" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Lists" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "DoubleOptIn" INTEGER NOT NULL,
    "WelcomeMessage" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Lists_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table Messages Messages 0
CREATE TABLE "Messages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Messages" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "ContactId" INTEGER NULL,
    "Phone" TEXT NOT NULL,
    "Direction" INTEGER NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "DeliveredUtc" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "ProviderMessageId" TEXT NULL,
    "ErrorCode" TEXT NULL, "ApplyPendingSinceUtc" TEXT NULL, "IsOptOutConfirmation" INTEGER NOT NULL DEFAULT 0, "OptOutType" TEXT NULL, "ImportId" TEXT NULL,
    CONSTRAINT "FK_Messages_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id"),
    CONSTRAINT "FK_Messages_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table OptOutDateCounts OptOutDateCounts 0
CREATE TABLE "OptOutDateCounts" (
    "SenderCodeId" INTEGER NOT NULL,
    "ListId" INTEGER NOT NULL,
    "BucketMinutes" INTEGER NOT NULL,
    "BucketStartUtc" TEXT NOT NULL,
    "Reason" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_OptOutDateCounts" PRIMARY KEY ("SenderCodeId", "BucketMinutes", "BucketStartUtc", "ListId", "Reason")
);
-- @ table OptOutReviews OptOutReviews 0
CREATE TABLE "OptOutReviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OptOutReviews" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "MessageId" INTEGER NOT NULL,
    "Phone" TEXT NOT NULL,
    "ContactId" INTEGER NULL,
    "Reason" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "DecidedUtc" TEXT NULL,
    "Decision" INTEGER NULL,
    "DecidedByUserId" TEXT NULL,
    "DecidedByUserName" TEXT NULL,
    CONSTRAINT "FK_OptOutReviews_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id"),
    CONSTRAINT "FK_OptOutReviews_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id"),
    CONSTRAINT "FK_OptOutReviews_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table SavedImportLayouts SavedImportLayouts 0
CREATE TABLE "SavedImportLayouts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SavedImportLayouts" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "HeaderKey" TEXT NOT NULL,
    "Mapping" TEXT NOT NULL,
    "ColumnNames" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ImportId" TEXT NOT NULL,
    "SavedBy" TEXT NOT NULL,
    "SavedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_SavedImportLayouts_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id") ON DELETE CASCADE
);
-- @ table SenderCodes SenderCodes 0
CREATE TABLE "SenderCodes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SenderCodes" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "CountryCode" TEXT NOT NULL,
    "HelpText" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL
, "ExtraHelpWords" TEXT NULL, "ExtraOptInWords" TEXT NULL, "ExtraOptOutWords" TEXT NULL, "OptOutConfirmation" TEXT NULL);
-- @ table SignInThrottles SignInThrottles 0
CREATE TABLE "SignInThrottles" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_SignInThrottles" PRIMARY KEY,
    "Failures" INTEGER NOT NULL,
    "LastFailureUtc" TEXT NOT NULL
);
-- @ table SiteSettings SiteSettings 0
CREATE TABLE "SiteSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SiteSettings" PRIMARY KEY,
    "DefaultTimeZoneId" TEXT NULL
);
-- @ table SubscribeDateCounts SubscribeDateCounts 0
CREATE TABLE "SubscribeDateCounts" (
    "SenderCodeId" INTEGER NOT NULL,
    "ListId" INTEGER NOT NULL,
    "BucketMinutes" INTEGER NOT NULL,
    "BucketStartUtc" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_SubscribeDateCounts" PRIMARY KEY ("SenderCodeId", "BucketMinutes", "BucketStartUtc", "ListId")
);
-- @ table SubscriptionCounts SubscriptionCounts 0
CREATE TABLE "SubscriptionCounts" (
    "ListId" INTEGER NOT NULL,
    "HasEmail" INTEGER NOT NULL,
    "Block" TEXT NOT NULL,
    "SenderCodeId" INTEGER NOT NULL,
    "Subscriptions" INTEGER NOT NULL,
    CONSTRAINT "PK_SubscriptionCounts" PRIMARY KEY ("ListId", "HasEmail", "Block"),
    CONSTRAINT "FK_SubscriptionCounts_Lists_ListId" FOREIGN KEY ("ListId") REFERENCES "Lists" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SubscriptionCounts_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table SubscriptionPhoneCounts SubscriptionPhoneCounts 0
CREATE TABLE "SubscriptionPhoneCounts" (
    "ListId" INTEGER NOT NULL,
    "Block" TEXT NOT NULL,
    "SenderCodeId" INTEGER NOT NULL,
    "Subscriptions" INTEGER NOT NULL,
    CONSTRAINT "PK_SubscriptionPhoneCounts" PRIMARY KEY ("ListId", "Block"),
    CONSTRAINT "FK_SubscriptionPhoneCounts_Lists_ListId" FOREIGN KEY ("ListId") REFERENCES "Lists" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SubscriptionPhoneCounts_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table SubscriptionPhoneSearch SubscriptionPhoneSearch 0
CREATE VIRTUAL TABLE SubscriptionPhoneSearch USING fts5(Phone, Scope, content='', contentless_delete=1, tokenize='trigram', detail='full');
-- @ table Subscriptions Subscriptions 0
CREATE TABLE "Subscriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Subscriptions" PRIMARY KEY AUTOINCREMENT,
    "SenderCodeId" INTEGER NOT NULL,
    "ContactId" INTEGER NOT NULL,
    "ListId" INTEGER NOT NULL,
    "Phone" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "SubscribedUtc" TEXT NOT NULL,
    "Method" INTEGER NOT NULL,
    "Keyword" TEXT NULL,
    "MarketingConsent" INTEGER NOT NULL,
    "CartAbandonmentConsent" INTEGER NOT NULL,
    "ConfirmedUtc" TEXT NULL, "EmailBlock" TEXT NULL,
    CONSTRAINT "FK_Subscriptions_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Subscriptions_Lists_ListId" FOREIGN KEY ("ListId") REFERENCES "Lists" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Subscriptions_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table SuspendedSubscriptions SuspendedSubscriptions 0
CREATE TABLE "SuspendedSubscriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SuspendedSubscriptions" PRIMARY KEY AUTOINCREMENT,
    "ContactId" INTEGER NOT NULL,
    "ListId" INTEGER NOT NULL,
    "SubscribedUtc" TEXT NOT NULL,
    "Method" INTEGER NOT NULL,
    "Keyword" TEXT NULL,
    "MarketingConsent" INTEGER NOT NULL,
    "CartAbandonmentConsent" INTEGER NOT NULL,
    "SuspendedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_SuspendedSubscriptions_Contacts_ContactId" FOREIGN KEY ("ContactId") REFERENCES "Contacts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SuspendedSubscriptions_Lists_ListId" FOREIGN KEY ("ListId") REFERENCES "Lists" ("Id") ON DELETE CASCADE
);
-- @ table UserColumnPreferences UserColumnPreferences 0
CREATE TABLE "UserColumnPreferences" (
    "UserId" TEXT NOT NULL,
    "Grid" TEXT NOT NULL,
    "HiddenColumns" TEXT NOT NULL,
    CONSTRAINT "PK_UserColumnPreferences" PRIMARY KEY ("UserId", "Grid"),
    CONSTRAINT "FK_UserColumnPreferences_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
-- @ table UserSenderCodes UserSenderCodes 0
CREATE TABLE "UserSenderCodes" (
    "UserId" TEXT NOT NULL,
    "SenderCodeId" INTEGER NOT NULL,
    CONSTRAINT "PK_UserSenderCodes" PRIMARY KEY ("UserId", "SenderCodeId"),
    CONSTRAINT "FK_UserSenderCodes_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_UserSenderCodes_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
);
-- @ table __EFMigrationsHistory __EFMigrationsHistory 0
CREATE TABLE "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
-- @ table __EFMigrationsLock __EFMigrationsLock 0
CREATE TABLE "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
-- @ index EmailIndex AspNetUsers 0
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
-- @ index IX_AspNetRoleClaims_RoleId AspNetRoleClaims 0
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
-- @ index IX_AspNetUserClaims_UserId AspNetUserClaims 0
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
-- @ index IX_AspNetUserLogins_UserId AspNetUserLogins 0
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
-- @ index IX_AspNetUserRoles_RoleId AspNetUserRoles 0
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
-- @ index IX_AspNetUsers_SelectedSenderCodeId AspNetUsers 0
CREATE INDEX "IX_AspNetUsers_SelectedSenderCodeId" ON "AspNetUsers" ("SelectedSenderCodeId");
-- @ index IX_ConsentEvents_ContactId_OccurredUtc ConsentEvents 0
CREATE INDEX "IX_ConsentEvents_ContactId_OccurredUtc" ON "ConsentEvents" ("ContactId", "OccurredUtc");
-- @ index IX_Contacts_Grid_Email Contacts 0
CREATE INDEX "IX_Contacts_Grid_Email" ON "Contacts" ("SenderCodeId", "Email", "Phone");
-- @ index IX_Contacts_Grid_OptedOutDate Contacts 0
CREATE INDEX "IX_Contacts_Grid_OptedOutDate" ON "Contacts" ("SenderCodeId", "OptedOutUtc", "Phone") WHERE "OptedOutUtc" IS NOT NULL;
-- @ index IX_Contacts_Grid_OptedOutEmail Contacts 0
CREATE INDEX "IX_Contacts_Grid_OptedOutEmail" ON "Contacts" ("SenderCodeId", "Email", "Phone", "OptOutReason") WHERE "OptedOutUtc" IS NOT NULL;
-- @ index IX_Contacts_Grid_OptedOutPhone Contacts 0
CREATE INDEX "IX_Contacts_Grid_OptedOutPhone" ON "Contacts" ("SenderCodeId", "Phone", "OptOutReason") WHERE "OptedOutUtc" IS NOT NULL;
-- @ index IX_Contacts_Grid_OptedOutReason Contacts 0
CREATE INDEX "IX_Contacts_Grid_OptedOutReason" ON "Contacts" ("SenderCodeId", "OptOutReason", "OptedOutUtc", "Phone") WHERE "OptedOutUtc" IS NOT NULL;
-- @ index IX_Contacts_Grid_OtherEmail Contacts 0
CREATE INDEX "IX_Contacts_Grid_OtherEmail" ON "Contacts" ("SenderCodeId", "Email", "Phone") WHERE "OtherReplyUtc" IS NOT NULL AND "OptedOutUtc" IS NULL;
-- @ index IX_Contacts_Grid_OtherPhone Contacts 0
CREATE INDEX "IX_Contacts_Grid_OtherPhone" ON "Contacts" ("SenderCodeId", "Phone") WHERE "OtherReplyUtc" IS NOT NULL AND "OptedOutUtc" IS NULL;
-- @ index IX_Contacts_OtherContacts Contacts 0
CREATE INDEX "IX_Contacts_OtherContacts" ON "Contacts" ("SenderCodeId", "LastMessageUtc", "Phone") WHERE "OtherReplyUtc" IS NOT NULL AND "OptedOutUtc" IS NULL;
-- @ index IX_Contacts_SenderCodeId_Phone Contacts 0
CREATE UNIQUE INDEX "IX_Contacts_SenderCodeId_Phone" ON "Contacts" ("SenderCodeId", "Phone");
-- @ index IX_CustomFieldValues_FieldId CustomFieldValues 0
CREATE INDEX "IX_CustomFieldValues_FieldId" ON "CustomFieldValues" ("FieldId");
-- @ index IX_CustomFields_SenderCodeId_Name CustomFields 0
CREATE UNIQUE INDEX "IX_CustomFields_SenderCodeId_Name" ON "CustomFields" ("SenderCodeId", "Name");
-- @ index IX_Exports_SenderCodeId_CreatedUtc Exports 0
CREATE INDEX "IX_Exports_SenderCodeId_CreatedUtc" ON "Exports" ("SenderCodeId", "CreatedUtc");
-- @ index IX_Exports_Status Exports 0
CREATE INDEX "IX_Exports_Status" ON "Exports" ("Status");
-- @ index IX_Exports_TokenHash Exports 0
CREATE UNIQUE INDEX "IX_Exports_TokenHash" ON "Exports" ("TokenHash");
-- @ index IX_ImportRejectedRows_ImportId_LineNumber ImportRejectedRows 0
CREATE UNIQUE INDEX "IX_ImportRejectedRows_ImportId_LineNumber" ON "ImportRejectedRows" ("ImportId", "LineNumber");
-- @ index IX_ImportWarningRows_ImportId_LineNumber ImportWarningRows 0
CREATE UNIQUE INDEX "IX_ImportWarningRows_ImportId_LineNumber" ON "ImportWarningRows" ("ImportId", "LineNumber");
-- @ index IX_Imports_SenderCodeId_CreatedUtc Imports 0
CREATE INDEX "IX_Imports_SenderCodeId_CreatedUtc" ON "Imports" ("SenderCodeId", "CreatedUtc");
-- @ index IX_ListKeywords_ListId ListKeywords 0
CREATE INDEX "IX_ListKeywords_ListId" ON "ListKeywords" ("ListId");
-- @ index IX_ListKeywords_SenderCodeId_MatchKey ListKeywords 0
CREATE UNIQUE INDEX "IX_ListKeywords_SenderCodeId_MatchKey" ON "ListKeywords" ("SenderCodeId", "MatchKey");
-- @ index IX_Lists_SenderCodeId_Name Lists 0
CREATE UNIQUE INDEX "IX_Lists_SenderCodeId_Name" ON "Lists" ("SenderCodeId", "Name");
-- @ index IX_Messages_ApplyPending Messages 0
CREATE INDEX "IX_Messages_ApplyPending" ON "Messages" ("SenderCodeId", "Phone", "Id") WHERE "ApplyPendingSinceUtc" IS NOT NULL;
-- @ index IX_Messages_ContactId_CreatedUtc Messages 0
CREATE INDEX "IX_Messages_ContactId_CreatedUtc" ON "Messages" ("ContactId", "CreatedUtc");
-- @ index IX_Messages_Import Messages 0
CREATE INDEX "IX_Messages_Import" ON "Messages" ("ImportId", "ContactId") WHERE "ImportId" IS NOT NULL;
-- @ index IX_Messages_ProviderMessageId Messages 0
CREATE UNIQUE INDEX "IX_Messages_ProviderMessageId" ON "Messages" ("ProviderMessageId");
-- @ index IX_Messages_Queued Messages 0
CREATE INDEX "IX_Messages_Queued" ON "Messages" ("Status") WHERE Status = 0;
-- @ index IX_Messages_SenderCodeId Messages 0
CREATE INDEX "IX_Messages_SenderCodeId" ON "Messages" ("SenderCodeId");
-- @ index IX_OptOutReviews_ContactId OptOutReviews 0
CREATE INDEX "IX_OptOutReviews_ContactId" ON "OptOutReviews" ("ContactId");
-- @ index IX_OptOutReviews_MessageId OptOutReviews 0
CREATE UNIQUE INDEX "IX_OptOutReviews_MessageId" ON "OptOutReviews" ("MessageId");
-- @ index IX_OptOutReviews_Open OptOutReviews 0
CREATE INDEX "IX_OptOutReviews_Open" ON "OptOutReviews" ("SenderCodeId", "CreatedUtc") WHERE "DecidedUtc" IS NULL;
-- @ index IX_OptOutReviews_SenderCodeId_DecidedUtc OptOutReviews 0
CREATE INDEX "IX_OptOutReviews_SenderCodeId_DecidedUtc" ON "OptOutReviews" ("SenderCodeId", "DecidedUtc");
-- @ index IX_SavedImportLayouts_SenderCodeId_HeaderKey SavedImportLayouts 0
CREATE UNIQUE INDEX "IX_SavedImportLayouts_SenderCodeId_HeaderKey" ON "SavedImportLayouts" ("SenderCodeId", "HeaderKey");
-- @ index IX_SenderCodes_Code SenderCodes 0
CREATE UNIQUE INDEX "IX_SenderCodes_Code" ON "SenderCodes" ("Code");
-- @ index IX_SignInThrottles_LastFailureUtc SignInThrottles 0
CREATE INDEX "IX_SignInThrottles_LastFailureUtc" ON "SignInThrottles" ("LastFailureUtc");
-- @ index IX_SubscriptionCounts_SenderCodeId_HasEmail_Block SubscriptionCounts 0
CREATE INDEX "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block" ON "SubscriptionCounts" ("SenderCodeId", "HasEmail", "Block");
-- @ index IX_SubscriptionPhoneCounts_SenderCodeId_Block SubscriptionPhoneCounts 0
CREATE INDEX "IX_SubscriptionPhoneCounts_SenderCodeId_Block" ON "SubscriptionPhoneCounts" ("SenderCodeId", "Block", "Subscriptions");
-- @ index IX_Subscriptions_ContactId_ListId Subscriptions 0
CREATE UNIQUE INDEX "IX_Subscriptions_ContactId_ListId" ON "Subscriptions" ("ContactId", "ListId");
-- @ index IX_Subscriptions_Grid_ListSubscribeDate Subscriptions 0
CREATE INDEX "IX_Subscriptions_Grid_ListSubscribeDate" ON "Subscriptions" ("ListId", "SubscribedUtc", "Phone");
-- @ index IX_Subscriptions_Grid_SubscribeDate Subscriptions 0
CREATE INDEX "IX_Subscriptions_Grid_SubscribeDate" ON "Subscriptions" ("SenderCodeId", "SubscribedUtc", "Phone");
-- @ index IX_Subscriptions_ListId_Phone Subscriptions 0
CREATE INDEX "IX_Subscriptions_ListId_Phone" ON "Subscriptions" ("ListId", "Phone", "EmailBlock");
-- @ index IX_Subscriptions_SenderCodeId_Phone Subscriptions 0
CREATE INDEX "IX_Subscriptions_SenderCodeId_Phone" ON "Subscriptions" ("SenderCodeId", "Phone", "EmailBlock");
-- @ index IX_SuspendedSubscriptions_ContactId_ListId SuspendedSubscriptions 0
CREATE UNIQUE INDEX "IX_SuspendedSubscriptions_ContactId_ListId" ON "SuspendedSubscriptions" ("ContactId", "ListId");
-- @ index IX_SuspendedSubscriptions_ListId SuspendedSubscriptions 0
CREATE INDEX "IX_SuspendedSubscriptions_ListId" ON "SuspendedSubscriptions" ("ListId");
-- @ index IX_UserSenderCodes_SenderCodeId UserSenderCodes 0
CREATE INDEX "IX_UserSenderCodes_SenderCodeId" ON "UserSenderCodes" ("SenderCodeId");
-- @ index RoleNameIndex AspNetRoles 0
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
-- @ index UserNameIndex AspNetUsers 0
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
-- @ trigger ConsentEvents_ListActivity ConsentEvents 4
CREATE TRIGGER ConsentEvents_ListActivity AFTER INSERT ON ConsentEvents
WHEN NEW.ListId IS NOT NULL AND NEW.StateBefore <> NEW.StateAfter AND (NEW.StateBefore IN ('Subscribed', 'Pending') OR NEW.StateAfter IN ('Subscribed', 'Pending'))
BEGIN
INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, Count, PendingDelta)
    VALUES (NEW.SenderCodeId, NEW.ListId, 1440, substr(NEW.OccurredUtc, 1, 10) || ' 00:00:00', CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN 1 WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN 2 ELSE 3 END, CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Resubscribed' THEN 100 ELSE COALESCE(NEW.Method, -1) END) WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Unsubscribed' THEN 100 WHEN NEW.Change = 'Confirmation refused' THEN 101 ELSE CASE WHEN NEW.StateAfter = 'Banned' THEN 1 WHEN NEW.StateAfter IN ('Opted out (Carrier deactivation)', 'Opted out (CarrierDeactivation)') THEN 2 WHEN NEW.StateAfter = 'Opted out (Import)' THEN 3 WHEN NEW.StateAfter = 'Opted out (Manual)' THEN 4 WHEN NEW.StateAfter IN ('Opted out (STOP keyword)', 'Opted out (StopKeyword)') THEN 5 ELSE -1 END END) ELSE 0 END, 1, ((NEW.StateAfter = 'Pending') - (NEW.StateBefore = 'Pending')))
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail)
    DO UPDATE SET Count = Count + 1, PendingDelta = PendingDelta + excluded.PendingDelta;
INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, Count, PendingDelta)
    VALUES (NEW.SenderCodeId, NEW.ListId, 60, substr(NEW.OccurredUtc, 1, 13) || ':00:00', CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN 1 WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN 2 ELSE 3 END, CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Resubscribed' THEN 100 ELSE COALESCE(NEW.Method, -1) END) WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Unsubscribed' THEN 100 WHEN NEW.Change = 'Confirmation refused' THEN 101 ELSE CASE WHEN NEW.StateAfter = 'Banned' THEN 1 WHEN NEW.StateAfter IN ('Opted out (Carrier deactivation)', 'Opted out (CarrierDeactivation)') THEN 2 WHEN NEW.StateAfter = 'Opted out (Import)' THEN 3 WHEN NEW.StateAfter = 'Opted out (Manual)' THEN 4 WHEN NEW.StateAfter IN ('Opted out (STOP keyword)', 'Opted out (StopKeyword)') THEN 5 ELSE -1 END END) ELSE 0 END, 1, ((NEW.StateAfter = 'Pending') - (NEW.StateBefore = 'Pending')))
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail)
    DO UPDATE SET Count = Count + 1, PendingDelta = PendingDelta + excluded.PendingDelta;
INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, Count, PendingDelta)
    VALUES (NEW.SenderCodeId, NEW.ListId, 15, substr(NEW.OccurredUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OccurredUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN 1 WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN 2 ELSE 3 END, CASE WHEN NEW.StateBefore NOT IN ('Subscribed', 'Pending') AND NEW.StateAfter IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Resubscribed' THEN 100 ELSE COALESCE(NEW.Method, -1) END) WHEN NEW.StateBefore IN ('Subscribed', 'Pending') AND NEW.StateAfter NOT IN ('Subscribed', 'Pending') THEN (CASE WHEN NEW.Change = 'Unsubscribed' THEN 100 WHEN NEW.Change = 'Confirmation refused' THEN 101 ELSE CASE WHEN NEW.StateAfter = 'Banned' THEN 1 WHEN NEW.StateAfter IN ('Opted out (Carrier deactivation)', 'Opted out (CarrierDeactivation)') THEN 2 WHEN NEW.StateAfter = 'Opted out (Import)' THEN 3 WHEN NEW.StateAfter = 'Opted out (Manual)' THEN 4 WHEN NEW.StateAfter IN ('Opted out (STOP keyword)', 'Opted out (StopKeyword)') THEN 5 ELSE -1 END END) ELSE 0 END, 1, ((NEW.StateAfter = 'Pending') - (NEW.StateBefore = 'Pending')))
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail)
    DO UPDATE SET Count = Count + 1, PendingDelta = PendingDelta + excluded.PendingDelta;
END;
-- @ trigger ConsentEvents_NoDelete ConsentEvents 2
CREATE TRIGGER ConsentEvents_NoDelete BEFORE DELETE ON ConsentEvents BEGIN SELECT RAISE(ABORT, 'ConsentEvents is append-only'); END;
-- @ trigger ConsentEvents_NoUpdate ConsentEvents 1
CREATE TRIGGER ConsentEvents_NoUpdate BEFORE UPDATE ON ConsentEvents BEGIN SELECT RAISE(ABORT, 'ConsentEvents is append-only'); END;
-- @ trigger ConsentEvents_OptOutDateCount ConsentEvents 3
CREATE TRIGGER ConsentEvents_OptOutDateCount AFTER INSERT ON ConsentEvents
WHEN NEW.ListId IS NOT NULL AND NEW.Change IN ('Opted out', 'Banned') BEGIN
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT c.SenderCodeId, NEW.ListId, 1440, substr(c.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(c.OptOutReason, 0), 1
    FROM Contacts AS c
    WHERE c.Id = NEW.ContactId AND c.OptedOutUtc = NEW.OccurredUtc
    AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = NEW.ContactId AND e.OccurredUtc = NEW.OccurredUtc
        AND e.ListId = NEW.ListId AND e.Change IN ('Opted out', 'Banned') AND e.Id <> NEW.Id)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT c.SenderCodeId, NEW.ListId, 15, substr(c.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(c.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(c.OptOutReason, 0), 1
    FROM Contacts AS c
    WHERE c.Id = NEW.ContactId AND c.OptedOutUtc = NEW.OccurredUtc
    AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = NEW.ContactId AND e.OccurredUtc = NEW.OccurredUtc
        AND e.ListId = NEW.ListId AND e.Change IN ('Opted out', 'Banned') AND e.Id <> NEW.Id)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
END;
-- @ trigger Contacts_EmailBlock Contacts 3
CREATE TRIGGER Contacts_EmailBlock AFTER UPDATE OF Email ON Contacts
WHEN substr(NEW.Email, 1, 4) IS NOT substr(OLD.Email, 1, 4) BEGIN
    UPDATE Subscriptions SET EmailBlock = substr(NEW.Email, 1, 4) WHERE ContactId = NEW.Id;
END;
-- @ trigger Contacts_OptOutDateCount_Delete Contacts 5
CREATE TRIGGER Contacts_OptOutDateCount_Delete AFTER DELETE ON Contacts WHEN OLD.OptedOutUtc IS NOT NULL BEGIN
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT OLD.SenderCodeId, 0, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
    WHERE OLD.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT OLD.SenderCodeId, l.ListId, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT OLD.SenderCodeId, 0, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
    WHERE OLD.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT OLD.SenderCodeId, l.ListId, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
END;
-- @ trigger Contacts_OptOutDateCount_Insert Contacts 4
CREATE TRIGGER Contacts_OptOutDateCount_Insert AFTER INSERT ON Contacts WHEN NEW.OptedOutUtc IS NOT NULL BEGIN
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT NEW.SenderCodeId, 0, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
    WHERE NEW.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT NEW.SenderCodeId, l.ListId, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT NEW.SenderCodeId, 0, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
    WHERE NEW.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT NEW.SenderCodeId, l.ListId, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
END;
-- @ trigger Contacts_OptOutDateCount_Update Contacts 6
CREATE TRIGGER Contacts_OptOutDateCount_Update AFTER UPDATE OF SenderCodeId, OptedOutUtc, OptOutReason ON Contacts
WHEN NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.OptedOutUtc IS NOT OLD.OptedOutUtc OR NEW.OptOutReason IS NOT OLD.OptOutReason BEGIN
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT OLD.SenderCodeId, 0, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
    WHERE OLD.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT OLD.SenderCodeId, l.ListId, 1440, substr(OLD.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(OLD.OptOutReason, 0), -1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT OLD.SenderCodeId, 0, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
    WHERE OLD.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT OLD.SenderCodeId, l.ListId, 15, substr(OLD.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(OLD.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(OLD.OptOutReason, 0), -1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = OLD.Id AND e.OccurredUtc = OLD.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE OLD.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT NEW.SenderCodeId, 0, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
    WHERE NEW.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT NEW.SenderCodeId, l.ListId, 1440, substr(NEW.OptedOutUtc, 1, 10) || ' 00:00:00', COALESCE(NEW.OptOutReason, 0), 1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
    SELECT NEW.SenderCodeId, 0, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
    WHERE NEW.OptedOutUtc IS NOT NULL
    UNION ALL
    SELECT NEW.SenderCodeId, l.ListId, 15, substr(NEW.OptedOutUtc, 1, 14) || printf('%02d', CAST(substr(NEW.OptedOutUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', COALESCE(NEW.OptOutReason, 0), 1
    FROM (SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = NEW.Id AND e.OccurredUtc = NEW.OptedOutUtc AND e.ListId IS NOT NULL AND e.Change IN ('Opted out', 'Banned')) AS l WHERE NEW.OptedOutUtc IS NOT NULL
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;
END;
-- @ trigger Contacts_PhoneDigitsReversed_Insert Contacts 1
CREATE TRIGGER Contacts_PhoneDigitsReversed_Insert BEFORE INSERT ON Contacts WHEN NEW.PhoneDigitsReversed IS NOT substr(NEW.Phone, 16, 1) || substr(NEW.Phone, 15, 1) || substr(NEW.Phone, 14, 1) || substr(NEW.Phone, 13, 1) || substr(NEW.Phone, 12, 1) || substr(NEW.Phone, 11, 1) || substr(NEW.Phone, 10, 1) || substr(NEW.Phone, 9, 1) || substr(NEW.Phone, 8, 1) || substr(NEW.Phone, 7, 1) || substr(NEW.Phone, 6, 1) || substr(NEW.Phone, 5, 1) || substr(NEW.Phone, 4, 1) || substr(NEW.Phone, 3, 1) || substr(NEW.Phone, 2, 1) BEGIN SELECT RAISE(ABORT, 'Contacts.PhoneDigitsReversed must be the digits of Phone back to front (Domain/ContactPhone)'); END;
-- @ trigger Contacts_PhoneDigitsReversed_Update Contacts 2
CREATE TRIGGER Contacts_PhoneDigitsReversed_Update BEFORE UPDATE OF Phone, PhoneDigitsReversed ON Contacts WHEN NEW.PhoneDigitsReversed IS NOT substr(NEW.Phone, 16, 1) || substr(NEW.Phone, 15, 1) || substr(NEW.Phone, 14, 1) || substr(NEW.Phone, 13, 1) || substr(NEW.Phone, 12, 1) || substr(NEW.Phone, 11, 1) || substr(NEW.Phone, 10, 1) || substr(NEW.Phone, 9, 1) || substr(NEW.Phone, 8, 1) || substr(NEW.Phone, 7, 1) || substr(NEW.Phone, 6, 1) || substr(NEW.Phone, 5, 1) || substr(NEW.Phone, 4, 1) || substr(NEW.Phone, 3, 1) || substr(NEW.Phone, 2, 1) BEGIN SELECT RAISE(ABORT, 'Contacts.PhoneDigitsReversed must be the digits of Phone back to front (Domain/ContactPhone)'); END;
-- @ trigger Subscriptions_Count_Delete Subscriptions 6
CREATE TRIGGER Subscriptions_Count_Delete AFTER DELETE ON Subscriptions BEGIN
    UPDATE SubscriptionCounts SET Subscriptions = Subscriptions - 1
    WHERE ListId = OLD.ListId AND HasEmail = (OLD.EmailBlock IS NOT NULL) AND Block = COALESCE(OLD.EmailBlock, substr(OLD.Phone, 1, 5));
END;
-- @ trigger Subscriptions_Count_Insert Subscriptions 4
CREATE TRIGGER Subscriptions_Count_Insert AFTER INSERT ON Subscriptions BEGIN
    INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
    VALUES (NEW.ListId, NEW.SenderCodeId, NEW.EmailBlock IS NOT NULL, COALESCE(NEW.EmailBlock, substr(NEW.Phone, 1, 5)), 1)
    ON CONFLICT (ListId, HasEmail, Block) DO UPDATE SET Subscriptions = Subscriptions + 1;
    UPDATE Subscriptions SET EmailBlock = (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId)
    WHERE Id = NEW.Id AND EmailBlock IS NOT (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId);
END;
-- @ trigger Subscriptions_Count_Update Subscriptions 5
CREATE TRIGGER Subscriptions_Count_Update AFTER UPDATE OF ListId, EmailBlock, Phone, ContactId ON Subscriptions BEGIN
    UPDATE SubscriptionCounts SET Subscriptions = Subscriptions - 1
    WHERE ListId = OLD.ListId AND HasEmail = (OLD.EmailBlock IS NOT NULL) AND Block = COALESCE(OLD.EmailBlock, substr(OLD.Phone, 1, 5));
    UPDATE Subscriptions SET EmailBlock = (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId)
    WHERE Id = NEW.Id AND NEW.ContactId <> OLD.ContactId
    AND EmailBlock IS NOT (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId);
    INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
    SELECT s.ListId, s.SenderCodeId, s.EmailBlock IS NOT NULL, COALESCE(s.EmailBlock, substr(s.Phone, 1, 5)), 1
    FROM Subscriptions AS s WHERE s.Id = NEW.Id
    ON CONFLICT (ListId, HasEmail, Block) DO UPDATE SET Subscriptions = Subscriptions + 1;
END;
-- @ trigger Subscriptions_DateCount_Delete Subscriptions 8
CREATE TRIGGER Subscriptions_DateCount_Delete AFTER DELETE ON Subscriptions BEGIN
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (OLD.SenderCodeId, OLD.ListId, 1440, substr(OLD.SubscribedUtc, 1, 10) || ' 00:00:00', -1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (OLD.SenderCodeId, OLD.ListId, 15, substr(OLD.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(OLD.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', -1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
END;
-- @ trigger Subscriptions_DateCount_Insert Subscriptions 7
CREATE TRIGGER Subscriptions_DateCount_Insert AFTER INSERT ON Subscriptions BEGIN
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (NEW.SenderCodeId, NEW.ListId, 1440, substr(NEW.SubscribedUtc, 1, 10) || ' 00:00:00', 1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (NEW.SenderCodeId, NEW.ListId, 15, substr(NEW.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(NEW.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', 1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
END;
-- @ trigger Subscriptions_DateCount_Update Subscriptions 9
CREATE TRIGGER Subscriptions_DateCount_Update AFTER UPDATE OF SenderCodeId, ListId, SubscribedUtc ON Subscriptions
WHEN NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.ListId <> OLD.ListId OR NEW.SubscribedUtc IS NOT OLD.SubscribedUtc BEGIN
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (OLD.SenderCodeId, OLD.ListId, 1440, substr(OLD.SubscribedUtc, 1, 10) || ' 00:00:00', -1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (OLD.SenderCodeId, OLD.ListId, 15, substr(OLD.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(OLD.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', -1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (NEW.SenderCodeId, NEW.ListId, 1440, substr(NEW.SubscribedUtc, 1, 10) || ' 00:00:00', 1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
    INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
    VALUES (NEW.SenderCodeId, NEW.ListId, 15, substr(NEW.SubscribedUtc, 1, 14) || printf('%02d', CAST(substr(NEW.SubscribedUtc, 15, 2) AS INTEGER) / 15 * 15) || ':00', 1)
    ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;
END;
-- @ trigger Subscriptions_PhoneCount_Delete Subscriptions 11
CREATE TRIGGER Subscriptions_PhoneCount_Delete AFTER DELETE ON Subscriptions BEGIN
    UPDATE SubscriptionPhoneCounts SET Subscriptions = Subscriptions - 1
    WHERE ListId = OLD.ListId AND Block = substr(OLD.Phone, 1, 5);
END;
-- @ trigger Subscriptions_PhoneCount_Insert Subscriptions 10
CREATE TRIGGER Subscriptions_PhoneCount_Insert AFTER INSERT ON Subscriptions BEGIN
    INSERT INTO SubscriptionPhoneCounts (ListId, SenderCodeId, Block, Subscriptions)
    VALUES (NEW.ListId, NEW.SenderCodeId, substr(NEW.Phone, 1, 5), 1)
    ON CONFLICT (ListId, Block) DO UPDATE SET Subscriptions = Subscriptions + 1;
END;
-- @ trigger Subscriptions_PhoneCount_Update Subscriptions 12
CREATE TRIGGER Subscriptions_PhoneCount_Update AFTER UPDATE OF ListId, Phone ON Subscriptions
WHEN NEW.ListId <> OLD.ListId OR substr(NEW.Phone, 1, 5) IS NOT substr(OLD.Phone, 1, 5) BEGIN
    UPDATE SubscriptionPhoneCounts SET Subscriptions = Subscriptions - 1
    WHERE ListId = OLD.ListId AND Block = substr(OLD.Phone, 1, 5);
    INSERT INTO SubscriptionPhoneCounts (ListId, SenderCodeId, Block, Subscriptions)
    VALUES (NEW.ListId, NEW.SenderCodeId, substr(NEW.Phone, 1, 5), 1)
    ON CONFLICT (ListId, Block) DO UPDATE SET Subscriptions = Subscriptions + 1;
END;
-- @ trigger Subscriptions_PhoneSearch Subscriptions 1
CREATE TRIGGER Subscriptions_PhoneSearch AFTER INSERT ON Subscriptions BEGIN
    INSERT INTO SubscriptionPhoneSearch (rowid, Phone, Scope) VALUES (NEW.SenderCodeId * 1099511627776 + NEW.Id, NEW.Phone, char(19968 + (NEW.ListId / 440664064) % 20992, 19968 + (NEW.ListId / 20992) % 20992, 19968 + NEW.ListId % 20992));
END;
-- @ trigger Subscriptions_PhoneSearch_Delete Subscriptions 2
CREATE TRIGGER Subscriptions_PhoneSearch_Delete AFTER DELETE ON Subscriptions BEGIN
    DELETE FROM SubscriptionPhoneSearch WHERE rowid = OLD.SenderCodeId * 1099511627776 + OLD.Id;
END;
-- @ trigger Subscriptions_PhoneSearch_Update Subscriptions 3
CREATE TRIGGER Subscriptions_PhoneSearch_Update AFTER UPDATE OF Id, Phone, SenderCodeId, ListId ON Subscriptions
WHEN NEW.Id <> OLD.Id OR NEW.Phone IS NOT OLD.Phone OR NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.ListId <> OLD.ListId BEGIN
    DELETE FROM SubscriptionPhoneSearch WHERE rowid = OLD.SenderCodeId * 1099511627776 + OLD.Id;
    INSERT INTO SubscriptionPhoneSearch (rowid, Phone, Scope) VALUES (NEW.SenderCodeId * 1099511627776 + NEW.Id, NEW.Phone, char(19968 + (NEW.ListId / 440664064) % 20992, 19968 + (NEW.ListId / 20992) % 20992, 19968 + NEW.ListId % 20992));
END;
