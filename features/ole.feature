@ole
Feature: Object Linking and Embedding
  Object Linking and Embedding (OLE) lets a document hold objects that other applications made:
  a chart in a report, say. An OLE document is a compound file: a small file system of its own,
  with named streams of bytes and named storages (folders) inside one file. An object goes into
  the document in one of two ways. Embedded, its data is copied into a storage of the document,
  with the class of the application that made it: the document carries the object with it, and
  what later happens to the source file does not touch the copy. Linked, the document keeps only
  a reference, the source file's location (a file moniker) and the application's class: the
  object's data stays in the source file, so a change to the source shows through the link, a
  deleted source breaks it, and the document stays small however large the source grows.

  These scenarios follow Microsoft's documentation of ole32: StgCreateDocfile and StgOpenStorage
  for compound files, OleCreateFromFile (embedding) and OleCreateLinkToFile (linking) to put an
  object from a file into a storage of the document, OleSave to write it there, OleLoad to open
  it again and IOleLink::BindToSource for a link to reach its source. The source files are notes
  ("chart.ipcnote"): text files of another application, which the implementation registers as
  the object server for their type and which hands out its text. The harness writes, changes and
  deletes the notes itself, and reads the documents itself with Apache POI, which knows the
  compound file format but nothing of the implementation under test. Participants are separate
  processes; documents and notes are files in a folder they share.

  @OLE-01 @must @SEED-OLE-1 @requires:ole.storage
  Scenario: A compound document one process writes is read by another, stream by stream
    Given participants alice and bob
    And alice has created the compound document "report.doc" with the stream "Summary" holding "quarterly figures"
    Then bob reads the stream "Summary" of the compound document "report.doc" as "quarterly figures"
    And the harness finds in "report.doc" the stream "Summary" holding "quarterly figures"

  @OLE-02 @must @SEED-OLE-1 @SEED-OLE-3 @requires:ole.storage @requires:ole.embed
  Scenario: An embedded object's data is stored inside the document, with a class naming its application
    Given participants alice and bob
    And the harness has written the note "chart.ipcnote" with "sales: 10 20 30"
    When alice embeds the note "chart.ipcnote" in the new compound document "report.doc" as "Object 1"
    Then the harness finds in "report.doc" the object "Object 1", of the class it was put there with, holding "sales: 10 20 30"
    And bob opens the object "Object 1" of "report.doc" and reads "sales: 10 20 30"

  @OLE-03 @must @SEED-OLE-3 @requires:ole.storage @requires:ole.embed
  Scenario: After the source changes, the embedded copy is unchanged
    Given participants alice and bob
    And the harness has written the note "chart.ipcnote" with "sales: 10 20 30"
    And alice has embedded the note "chart.ipcnote" in the new compound document "report.doc" as "Object 1"
    When the harness rewrites the note "chart.ipcnote" with "sales: 99 99 99"
    Then bob opens the object "Object 1" of "report.doc" and reads "sales: 10 20 30"
    And the harness finds in "report.doc" the object "Object 1" holding no copy of "sales: 99 99 99"

  @OLE-04 @must @SEED-OLE-3 @requires:ole.storage @requires:ole.embed
  Scenario: After the source is deleted, the embedded object still opens
    Given participants alice and bob
    And the harness has written the note "chart.ipcnote" with "sales: 10 20 30"
    And alice has embedded the note "chart.ipcnote" in the new compound document "report.doc" as "Object 1"
    When the harness deletes the note "chart.ipcnote"
    Then bob opens the object "Object 1" of "report.doc" and reads "sales: 10 20 30"

  @OLE-05 @should @SEED-OLE-3 @requires:ole.storage @requires:ole.embed
  Scenario: A document that embeds an object is larger than the object's data
    Given participants alice
    And the harness has written the note "big.ipcnote" of 200000 bytes
    When alice embeds the note "big.ipcnote" in the new compound document "report.doc" as "Object 1"
    Then the compound document "report.doc" is larger than the note "big.ipcnote"

  @OLE-06 @must @SEED-OLE-1 @SEED-OLE-2 @requires:ole.storage @requires:ole.link
  Scenario: A linked object is only a reference in the document: its source's location and a class naming its application
    Given participants alice
    And the harness has written the note "chart.ipcnote" with "sales: 10 20 30"
    When alice links the note "chart.ipcnote" into the new compound document "report.doc" as "Object 1"
    Then the harness finds in "report.doc" the object "Object 1", of the class it was put there with, naming the note "chart.ipcnote"
    And the harness finds in "report.doc" the object "Object 1" holding no copy of "sales: 10 20 30"

  @OLE-07 @must @SEED-OLE-2 @requires:ole.storage @requires:ole.link
  Scenario: After the source changes, the link shows the new content
    Given participants alice and bob
    And the harness has written the note "chart.ipcnote" with "sales: 10 20 30"
    And alice has linked the note "chart.ipcnote" into the new compound document "report.doc" as "Object 1"
    When the harness rewrites the note "chart.ipcnote" with "sales: 99 99 99"
    Then bob opens the object "Object 1" of "report.doc" and reads "sales: 99 99 99"

  @OLE-08 @must @SEED-OLE-2 @requires:ole.storage @requires:ole.link
  Scenario: After the source is deleted, opening the link fails with a broken-link error
    Given participants alice and bob
    And the harness has written the note "chart.ipcnote" with "sales: 10 20 30"
    And alice has linked the note "chart.ipcnote" into the new compound document "report.doc" as "Object 1"
    When the harness deletes the note "chart.ipcnote"
    And bob tries to open the object "Object 1" of "report.doc"
    Then that opening fails because the link's source is gone

  @OLE-09 @should @SEED-OLE-2 @requires:ole.storage @requires:ole.link
  Scenario: A document does not grow with the size of a source it links to
    Given participants alice
    And the harness has written the note "small.ipcnote" with "sales: 10 20 30"
    And the harness has written the note "big.ipcnote" of 200000 bytes
    When alice links the note "small.ipcnote" into the new compound document "small.doc" as "Object 1"
    And alice links the note "big.ipcnote" into the new compound document "big.doc" as "Object 1"
    Then the compound documents "small.doc" and "big.doc" differ in size by less than 4096 bytes
