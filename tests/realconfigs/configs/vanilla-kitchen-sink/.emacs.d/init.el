;;; init.el --- my emacs config  -*- lexical-binding: t -*-
;;
;; Started in 2014, rewritten 2019, still a mess.  Vanilla package.el.

;;; Identity first, so everything below can use it
(setq user-full-name "Marta Kowalczyk"
      user-mail-address "marta.kowalczyk@fastmail.fm")

;;; Packages
(require 'package)
(setq package-archives '(("gnu" . "https://elpa.gnu.org/packages/")
                         ("nongnu" . "https://elpa.nongnu.org/nongnu/")
                         ("melpa" . "https://melpa.org/packages/")))
(package-initialize)

(defvar my-packages
  '(magit evil evil-collection helm projectile helm-projectile company flycheck
    which-key zenburn-theme markdown-mode yaml-mode rust-mode go-mode lua-mode
    web-mode js2-mode exec-path-from-shell undo-tree rainbow-delimiters smartparens
    expand-region multiple-cursors ace-window avy dumb-jump org-bullets)
  "Packages I want everywhere.")

(unless package-archive-contents
  (package-refresh-contents))

(dolist (p my-packages)
  (unless (package-installed-p p)
    (package-install p)))

(when (memq window-system '(mac ns x))
  (exec-path-from-shell-initialize))

;;; Basics
(setq inhibit-startup-screen t
      initial-scratch-message nil
      ring-bell-function 'ignore
      make-backup-files nil
      auto-save-default nil
      create-lockfiles nil)
(setq-default indent-tabs-mode nil
              tab-width 4
              fill-column 80)
(fset 'yes-or-no-p 'y-or-n-p)
(menu-bar-mode -1)
(when (fboundp 'tool-bar-mode) (tool-bar-mode -1))
(when (fboundp 'scroll-bar-mode) (scroll-bar-mode -1))
(show-paren-mode 1)
(column-number-mode 1)
(global-auto-revert-mode 1)
(delete-selection-mode 1)
(savehist-mode 1)
(recentf-mode 1)
(setq recentf-max-saved-items 200)
(electric-pair-mode 1)
(global-hl-line-mode 1)

(load-theme 'zenburn t)

;;; Evil
(setq evil-want-keybinding nil)
(require 'evil)
(evil-mode 1)
(require 'evil-collection)
(evil-collection-init)

;;; Helm & projectile
(require 'helm)
(require 'helm-config)
(helm-mode 1)
(global-set-key (kbd "M-x") 'helm-M-x)
(global-set-key (kbd "C-x C-f") 'helm-find-files)
(global-set-key (kbd "C-x b") 'helm-mini)
(require 'projectile)
(projectile-mode +1)
(define-key projectile-mode-map (kbd "C-c p") 'projectile-command-map)
(setq projectile-completion-system 'helm)
(helm-projectile-on)

;;; Completion & checking
(require 'company)
(add-hook 'after-init-hook 'global-company-mode)
(setq company-idle-delay 0.2
      company-minimum-prefix-length 2)
(add-hook 'after-init-hook #'global-flycheck-mode)
(which-key-mode)

;;; Editing
(global-set-key (kbd "C-=") 'er/expand-region)
(global-set-key (kbd "C->") 'mc/mark-next-like-this)
(global-set-key (kbd "C-<") 'mc/mark-previous-like-this)
(global-set-key (kbd "M-o") 'ace-window)
(global-set-key (kbd "C-:") 'avy-goto-char)
(global-undo-tree-mode)
(add-hook 'prog-mode-hook #'rainbow-delimiters-mode)
(add-hook 'prog-mode-hook #'display-line-numbers-mode)
(add-hook 'text-mode-hook #'auto-fill-mode)
(add-hook 'before-save-hook 'delete-trailing-whitespace)

;;; Languages
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode))
(add-to-list 'auto-mode-alist '("\\.html?\\'" . web-mode))
(add-to-list 'auto-mode-alist '("\\.js\\'" . js2-mode))
(setq js2-basic-offset 2
      web-mode-markup-indent-offset 2)
(add-hook 'go-mode-hook (lambda () (add-hook 'before-save-hook #'gofmt-before-save nil t)))

;;; Org
(require 'org)
(setq org-directory "~/org"
      org-agenda-files '("~/org/todo.org" "~/org/work.org")
      org-default-notes-file "~/org/inbox.org"
      org-log-done 'time)
(global-set-key (kbd "C-c a") 'org-agenda)
(global-set-key (kbd "C-c c") 'org-capture)
(add-hook 'org-mode-hook (lambda () (org-bullets-mode 1)))

;;; Mail: message mode + smtpmail, the rest is in custom-set-variables
(setq mail-user-agent 'message-user-agent)
(setq message-kill-buffer-on-exit t)
(global-set-key (kbd "C-x m") 'compose-mail)

(custom-set-variables
 ;; custom-set-variables was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 ;; Your init file should contain only one such instance.
 ;; If there is more than one, they won't work right.
 '(ansi-color-faces-vector
   [default default default italic underline success warning error])
 '(auth-sources '("~/.authinfo.gpg"))
 '(custom-safe-themes
   '("c4063322b5011829f7fdd7509979b5823e8eea2abf1fe5572ec4b7af1dd78519" default))
 '(fci-rule-color "#383838")
 '(helm-ff-skip-boring-files t)
 '(message-send-mail-function 'smtpmail-send-it)
 '(nrepl-message-colors
   '("#CC9393" "#DFAF8F" "#F0DFAF" "#7F9F7F" "#BFEBBF" "#93E0E3" "#94BFF3" "#DC8CC3"))
 '(package-selected-packages
   '(org-bullets dumb-jump avy ace-window multiple-cursors expand-region smartparens
     rainbow-delimiters undo-tree exec-path-from-shell js2-mode web-mode lua-mode go-mode
     rust-mode yaml-mode markdown-mode zenburn-theme which-key flycheck company
     helm-projectile projectile helm evil-collection evil magit))
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-smtp-server "smtp.fastmail.com")
 '(smtpmail-smtp-service 465)
 '(smtpmail-stream-type 'ssl)
 '(vc-annotate-background "#2B2B2B")
 '(vc-annotate-color-map
   '((20 . "#BC8383") (40 . "#CC9393") (60 . "#DFAF8F") (80 . "#D0BF8F") (100 . "#E0CF9F")
     (120 . "#F0DFAF") (140 . "#5F7F5F") (160 . "#7F9F7F") (180 . "#8FB28F")))
 '(vc-annotate-very-old-color "#DC8CC3"))
(custom-set-faces
 ;; custom-set-faces was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 ;; Your init file should contain only one such instance.
 ;; If there is more than one, they won't work right.
 '(default ((t (:family "Iosevka" :height 120)))))
;;; init.el ends here
