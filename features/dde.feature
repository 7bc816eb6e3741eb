@dde
Feature: Dynamic Data Exchange
  Dynamic Data Exchange (DDE) is how Windows programs pass data to each other in a conversation:
  the program that asks is the client, the one that answers the server. A server offers a
  service (a name such as Quotes) and, within it, topics (prices); a client opens a conversation
  by naming both, and then transacts on items of the topic (ACME): it requests an item's data,
  pokes data into an item, sends a command for the server to carry out, or asks to be kept up to
  date on an item in an advise loop. In a hot link the server sends each new value as it
  changes; in a warm link it only says that the value changed, and the client requests it when it
  wants it. Either side may end the conversation, and the other is told.

  A transaction is synchronous or asynchronous. Synchronous: the client waits for the server's
  answer, but no longer than a timeout it gives. Asynchronous: the client gets a transaction ID at
  once and goes on; the answer comes later, in a call of its DDE callback that names that ID.

  These scenarios follow Microsoft's documentation of the DDE Management Library (DDEML):
  DdeInitialize, DdeNameService, DdeConnect, DdeClientTransaction (XTYP_REQUEST, XTYP_POKE,
  XTYP_EXECUTE, XTYP_ADVSTART with or without XTYPF_NODATA, XTYP_ADVSTOP, TIMEOUT_ASYNC),
  DdePostAdvise, DdeDisconnect and DdeGetLastError. A server's callback accepts a conversation by
  returning TRUE to XTYP_CONNECT, refuses a request it cannot serve by returning no data
  (the client then gets DMLERR_NOTPROCESSED), and is told XTYP_DISCONNECT when its partner ends
  the conversation. Participants are separate Windows processes in one Windows session; a quoted
  service name is the scenario's own.

  @DDE-01 @must @SEED-DDE-2 @SEED-DDE-3 @requires:dde
  Scenario: A client opens a conversation with a server by naming its service and topic
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    When client opens a DDE conversation with "Quotes" on the topic "prices"
    Then server is told of a DDE conversation on the topic "prices"

  @DDE-02 @must @SEED-DDE-2 @SEED-DDE-4 @requires:dde
  Scenario: A server refuses a conversation on a topic it does not serve
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    When client tries to open a DDE conversation with "Quotes" on the topic "weather"
    Then the DDE conversation is refused with DMLERR_NO_CONV_ESTABLISHED
    And server was asked for a DDE conversation on the topic "weather" and refused it

  @DDE-03 @must @SEED-DDE-2 @requires:dde
  Scenario: No conversation opens with a service that nobody offers
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    When client tries to open a DDE conversation with "Weather" on the topic "prices"
    Then the DDE conversation is refused with DMLERR_NO_CONV_ESTABLISHED

  @DDE-04 @must @SEED-DDE-1 @SEED-DDE-3 @SEED-DDE-4 @requires:dde
  Scenario: A client requests an item and gets the server's data
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    Then client requests the DDE item "ACME" and gets "42.50"

  @DDE-05 @must @SEED-DDE-3 @SEED-DDE-4 @requires:dde
  Scenario: A request for an item the server does not have is refused
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client tries to request the DDE item "INITECH"
    Then that DDE transaction fails with DMLERR_NOTPROCESSED

  @DDE-06 @must @SEED-DDE-3 @SEED-DDE-4 @requires:dde
  Scenario: Data a client pokes reaches the server, which keeps it
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client pokes "43.00" into the DDE item "ACME"
    Then server receives the DDE poke of "43.00" into the item "ACME"
    And client requests the DDE item "ACME" and gets "43.00"

  @DDE-07 @must @SEED-DDE-3 @SEED-DDE-4 @requires:dde
  Scenario: A command a client sends reaches the server whole, once
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client sends the DDE command "[Refresh(ACME)]"
    Then server receives the DDE command "[Refresh(ACME)]", once

  @DDE-08 @must @SEED-DDE-1 @SEED-DDE-4 @requires:dde
  Scenario: A hot link sends each new value of an item, in order, as the server changes it
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client starts a hot advise loop on the DDE item "ACME"
    And server sets the DDE item "ACME" to "43.00"
    And server sets the DDE item "ACME" to "43.25"
    Then client is sent "43.00" for the DDE item "ACME"
    And client is sent "43.25" for the DDE item "ACME"

  @DDE-09 @must @SEED-DDE-1 @SEED-DDE-4 @requires:dde
  Scenario: A warm link says that an item changed, without the data, which the client then requests
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client starts a warm advise loop on the DDE item "ACME"
    And server sets the DDE item "ACME" to "43.00"
    Then client is told that the DDE item "ACME" changed, without its data
    And client requests the DDE item "ACME" and gets "43.00"

  @DDE-10 @must @SEED-DDE-3 @requires:dde
  Scenario: Once the client stops an advise loop, changes are no longer sent
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    And client starts a hot advise loop on the DDE item "ACME"
    And server sets the DDE item "ACME" to "43.00"
    And client is sent "43.00" for the DDE item "ACME"
    When client stops the advise loop on the DDE item "ACME"
    And server sets the DDE item "ACME" to "44.00"
    Then client is sent nothing more for the DDE item "ACME"

  @DDE-11 @should @SEED-DDE-4 @requires:dde
  Scenario: An advise loop on an item the server does not have is refused
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client tries to start a hot advise loop on the DDE item "INITECH"
    Then that DDE transaction fails with DMLERR_NOTPROCESSED

  @DDE-12 @must @SEED-DDE-5 @requires:dde
  Scenario: A synchronous transaction waits no longer than its timeout for a slow server
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices", answering requests after 1500 ms
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client requests the DDE item "ACME" with a timeout of 300 ms
    Then that DDE transaction fails with DMLERR_DATAACKTIMEOUT within 1000 ms

  @DDE-13 @must @SEED-DDE-5 @requires:dde
  Scenario: An asynchronous transaction gives an ID at once, and its answer comes later exactly once
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client requests the DDE item "ACME" asynchronously
    Then client gets "42.50" for that transaction, exactly once

  @DDE-14 @must @SEED-DDE-3 @SEED-DDE-4 @requires:dde
  Scenario: Several transactions in a row on one conversation each get their own answer
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And server has set the DDE item "GLOBEX" to "17.00"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    Then client requests the DDE item "ACME" and gets "42.50"
    And client requests the DDE item "GLOBEX" and gets "17.00"
    When client pokes "18.00" into the DDE item "GLOBEX"
    Then client requests the DDE item "GLOBEX" and gets "18.00"
    And client requests the DDE item "ACME" and gets "42.50"

  @DDE-15 @should @SEED-DDE-5 @requires:dde
  Scenario: After an asynchronous transaction, a synchronous one gets its own answer
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And server has set the DDE item "ACME" to "42.50"
    And server has set the DDE item "GLOBEX" to "17.00"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client requests the DDE item "ACME" asynchronously
    Then client requests the DDE item "GLOBEX" and gets "17.00"

  @DDE-16 @must @SEED-DDE-3 @requires:dde
  Scenario: The client ends the conversation and the server is told
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    When client ends the DDE conversation
    Then server is told that the DDE conversation ended

  @DDE-17 @must @SEED-DDE-4 @requires:dde
  Scenario: The server ends the conversation and the client is told
    Given participants server and client
    And server serves the DDE service "Quotes" on the topic "prices"
    And client has opened a DDE conversation with "Quotes" on the topic "prices"
    And server is told of a DDE conversation on the topic "prices"
    When server ends the DDE conversation
    Then client is told that the DDE conversation ended
