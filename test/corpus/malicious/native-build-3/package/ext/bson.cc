// BSON extension placeholder
