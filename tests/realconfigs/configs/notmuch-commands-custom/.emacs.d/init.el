;;; init.el --- Brandon's emacs  -*- lexical-binding: t; -*-

(setq package-enable-at-startup nil)
(require 'package)
(package-initialize)
(require 'use-package)

(use-package eat
  :custom
  (eat-term-name "xterm-256color"))

(setq send-mail-function 'mailclient-send-it)

(use-package notmuch
  :commands (notmuch-hello)
  :custom
  (notmuch-database-path "~/mail")
  (sendmail-program "msmtp")
  :config
  (setq user-full-name "Brandon Boo")
  (setq user-mail-address "brandon@posteo.example")
  (setq message-sendmail-extra-arguments '("-a" "posteo"))
  (setq message-send-mail-function 'message-send-mail-with-sendmail)
  (setq notmuch-saved-searches
        '((:name "inbox"  :query "tag:inbox"  :key "i")
          (:name "unread" :query "tag:unread" :key "u")))
  :bind
  ("C-c e g" . notmuch)
  ("C-c e c" . notmuch-mua-mail))

(use-package elfeed
  :config
  (setq elfeed-feeds '("https://planet.emacslife.com/atom.xml")))
