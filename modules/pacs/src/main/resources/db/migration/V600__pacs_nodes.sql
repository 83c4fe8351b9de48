-- PACS nodes (configuration, not PHI; kept in the encrypted store so it is backed up and audited)
CREATE TABLE pacs_node (
  name            VARCHAR(64)  NOT NULL PRIMARY KEY,
  called_ae       VARCHAR(16)  NOT NULL,
  host            VARCHAR(253) NOT NULL,
  port            INT          NOT NULL,
  calling_ae      VARCHAR(16)  NOT NULL,
  dicomweb_url    VARCHAR(2048),
  store_scp_port  INT,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
