module.exports = { CameraType: { Back: 'back', Front: 'front' } };
