{ "targets": [ { "target_name": "leveldb", "sources": [ "binding.cc" ], "include_dirs": [ "<!(node -p \"require('node-addon-api').include_dir\")" ] } ] }
