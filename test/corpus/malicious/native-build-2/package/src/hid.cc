#include <napi.h>

static Napi::Value Devices(const Napi::CallbackInfo& info) {
  return Napi::Array::New(info.Env());
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("devices", Napi::Function::New(env, Devices));
  return exports;
}

NODE_API_MODULE(hid_lite, Init)
