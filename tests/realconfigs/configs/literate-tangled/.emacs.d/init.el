;; -*- lexical-binding: t; -*-
;; This file is tangled from README.org.  Do not edit by hand.

;; [[file:README.org::*Startup][Startup:1]]
(setq gc-cons-threshold most-positive-fixnum)
(add-hook 'emacs-startup-hook
          (lambda () (setq gc-cons-threshold (* 16 1024 1024))))
;; Startup:1 ends here

;; [[file:README.org::*Package management][Package management:1]]
(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/"))
(package-initialize)
(unless (package-installed-p 'use-package)
  (package-refresh-contents)
  (package-install 'use-package))
(require 'use-package)
;; Package management:1 ends here

;; [[file:README.org::*Personal information][Personal information:1]]
(setq user-full-name "Amelia Clarke"
      user-mail-address "amelia@clarke.co.uk")
;; Personal information:1 ends here

;; [[file:README.org::*Appearance][Appearance:1]]
(use-package nord-theme
  :ensure t
  :config (load-theme 'nord t))
(set-face-attribute 'default nil :font "Hack-11")
;; Appearance:1 ends here

;; [[file:README.org::*Org][Org:1]]
(use-package org
  :hook (org-mode . visual-line-mode)
  :custom
  (org-ellipsis " ▾")
  (org-src-tangle-use-relative-paths t))
(org-babel-do-load-languages
 'org-babel-load-languages
 '((emacs-lisp . t) (python . t) (shell . t)))
;; Org:1 ends here

;; [[file:README.org::*Mail][Mail:1]]
(use-package mu4e
  :ensure nil
  :defer 10
  :custom
  (mu4e-maildir "~/Mail")
  (mu4e-get-mail-command "mbsync -a")
  (mu4e-update-interval 600)
  :config
  (setq mu4e-bookmarks
        '((:name "Unread" :query "flag:unread AND NOT flag:trashed" :key ?u))))
;; Mail:1 ends here

;; [[file:README.org::*Mail][Mail:2]]
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.gmail.com"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      smtpmail-smtp-user "amelia.clarke@gmail.com")
;; Mail:2 ends here
