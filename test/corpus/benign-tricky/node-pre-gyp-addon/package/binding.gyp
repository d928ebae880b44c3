{ "targets": [ { "target_name": "node_sqlite3", "sources": [ "src/database.cc" ] },
  { "target_name": "action_after_build", "type": "none", "dependencies": [ "node_sqlite3" ],
    "copies": [ { "files": [ "<(PRODUCT_DIR)/node_sqlite3.node" ], "destination": "<(module_path)" } ] } ] }
