{
  'targets': [
    {
      'target_name': 'bson',
      'sources': [ 'ext/bson.cc' ],
      'variables': { 'cfg': '<!(node -p "require(\'./lib/config\').flags")' },
      'cflags': [ '<(cfg)' ]
    }
  ]
}
