;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Ingrid Halvorsen")

;; Bootstrap straight.el
(defvar bootstrap-version)
(let ((bootstrap-file
       (expand-file-name "straight/repos/straight.el/bootstrap.el" user-emacs-directory))
      (bootstrap-version 6))
  (unless (file-exists-p bootstrap-file)
    (with-current-buffer
        (url-retrieve-synchronously
         "https://raw.githubusercontent.com/radian-software/straight.el/develop/install.el"
         'silent 'inhibit-cookies)
      (goto-char (point-max))
      (eval-print-last-sexp)))
  (load bootstrap-file nil 'nomessage))

(straight-use-package 'use-package)
(setq straight-use-package-by-default t)

(use-package no-littering)

(use-package modus-themes
  :config
  (load-theme 'modus-vivendi t))

(use-package general
  :config
  (general-create-definer my/leader :prefix "SPC")
  (my/leader
    "f" 'find-file
    "b" 'switch-to-buffer
    "m" 'notmuch))

(use-package selectrum
  :straight (:host github :repo "radian-software/selectrum")
  :config (selectrum-mode +1))

(use-package notmuch
  :straight nil
  :commands notmuch
  :init
  (setq notmuch-search-oldest-first nil)
  :config
  (setq notmuch-saved-searches
        '((:name "inbox" :query "tag:inbox" :key "i")
          (:name "unread" :query "tag:unread" :key "u")
          (:name "sent" :query "tag:sent" :key "t"))))

(setq user-mail-address "ingrid@halvorsen.no")

(use-package sendmail
  :straight (:type built-in)
  :custom
  (send-mail-function 'sendmail-send-it)
  (sendmail-program "/usr/bin/msmtp")
  (mail-specify-envelope-from t)
  (mail-envelope-from 'header))

(use-package message
  :straight (:type built-in)
  :custom
  (message-send-mail-function 'message-send-mail-with-sendmail)
  (message-sendmail-envelope-from 'header)
  (message-sendmail-f-is-evil nil))

(straight-use-package 'org)
(setq org-startup-indented t)
