import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import nl from "./nl.json";

export const languages = [
  { code: "en", label: "English" },
  { code: "nl", label: "Nederlands" },
];

// The browser's language unless the user picked one (kept in localStorage); English for anything else.
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, nl: { translation: nl } },
    fallbackLng: "en",
    supportedLngs: languages.map((l) => l.code),
    nonExplicitSupportedLngs: true,
    interpolation: { escapeValue: false }, // React escapes; nothing is ever inserted as HTML
    detection: { order: ["localStorage", "navigator"], caches: ["localStorage"], lookupLocalStorage: "voipconfig.language" },
  });

i18n.on("languageChanged", (lng) => document.documentElement.setAttribute("lang", lng));
document.documentElement.setAttribute("lang", i18n.resolvedLanguage ?? "en");

export default i18n;
