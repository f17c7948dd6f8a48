;;; config.el -*- lexical-binding: t; -*-

(setq user-full-name "Dmitri Sokolov")

(setq doom-theme 'doom-gruvbox
      doom-font (font-spec :family "Fira Code" :size 13))

(load! "+mail")
(load! "+private" doom-user-dir t)

(after! notmuch
  (setq notmuch-show-logo nil
        notmuch-hello-sections '(notmuch-hello-insert-saved-searches
                                 notmuch-hello-insert-alltags)
        +notmuch-sync-backend 'mbsync))

(after! evil
  (setq evil-split-window-below t
        evil-vsplit-window-right t))
